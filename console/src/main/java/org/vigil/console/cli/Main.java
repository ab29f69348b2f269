package org.vigil.console.cli;

import org.vigil.console.store.StoreUnreachable;
import org.vigil.console.pupils.ImportRefused;
import org.vigil.console.request.InvalidRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.wordlists.WordlistFormatException;

/**
 * {@code vigil-console [serve] [--data DIR] [--http-port N] [--grpc-port N] [--bind ADDR] [--silent-after-hours N]} and
 * {@code vigil-console agent-config [--data DIR] [--address HOST:PORT] [--expires-days N]}, IT's
 * {@code tokens} and {@code devices} commands (see {@link TokensCommand}, {@link DevicesCommand}) and the
 * {@code users} command ({@link UsersCommand}).
 * Stdout carries only the lines meant for people and scripts; logs go to stderr.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String USAGE = String.join("\n",
            "usage: vigil-console [serve] [--data DIR] [--http-port N] [--grpc-port N] [--bind ADDR] [--silent-after-hours N]",
            "                     [--http-plain | --https-cert FILE --https-key FILE] [--https-names NAME,IP...]",
            "                     [--trusted-proxies IP,IP...]",
            "                     [--screenshots files|postgresql|s3://BUCKET/PREFIX [--s3-endpoint URL] [--s3-region R]",
            "                      [--s3-sse AES256|aws:kms]]  (kept in the data directory for later starts and commands;",
            "                      S3 credentials: VIGIL_S3_ACCESS_KEY_ID + VIGIL_S3_SECRET_ACCESS_KEY, or an owner-only",
            "                      VIGIL_S3_CREDENTIALS_FILE / DATA/s3-credentials.properties)",
            "       vigil-console --help | --version",
            "       vigil-console agent-config [--data DIR] [--address HOST:PORT] [--expires-days N] [--group GROUP]",
            "                            [--school CODE]",
            "       vigil-console tokens create [--expires-days N] [--note TEXT] [--group GROUP] [--school CODE]",
            "                     | list | revoke ID  [--data DIR]",
            "       vigil-console schools create CODE --name NAME | list  [--data DIR]",
            "       vigil-console devices list [--silent-after-minutes N] | revoke ID --reason TEXT",
            "                     | move ID --group GROUP|none | move-school ID --to CODE  [--data DIR]",
            "       vigil-console users add NAME --role DSL|IT_ADMIN|VIEWER [--email ADDR] [--admin]",
            "                   [--school CODE | --trust-schools CODE,CODE...] | list",
            "                   | reset-password NAME | reset-2fa NAME | email NAME --email ADDR|none  [--data DIR]",
            "       vigil-console wordlists log | edit CATEGORY --file F | group GROUP --file F",
            "                       | import FOLDER|FILE.csv | restore VERSION",
            "                       | diff VERSION --to VERSION  [--reason TEXT] [--author NAME] [--data DIR]",
            "       vigil-console audit verify [--data DIR]   (exit 3 if the audit log's hash chain is broken)",
            "       vigil-console retention show | run | set [--false-positive-days N] [--no-further-action-days N]",
            "                       [--closed-months-after-export N] [--screenshot-days N] [--audit-months N]  [--data DIR]",
            "       vigil-console holds place --capture ID|--incident ID|--pupil LOGIN --reason TEXT | list",
            "                   | lift ID --reason TEXT | export ID --to FILE.zip --justification TEXT  [--data DIR]",
            "       vigil-console pupils sar LOGIN --to FILE.zip --request TEXT [--school CODE] [--data DIR]",
            "                     (subject access request: everything held about the pupil, as a zip)",
            "                     | import FILE.csv [--school CODE] [--data DIR]  (one school's MIS pupil list: username, given name,",
            "                     family name, year group, form, optional CP plan / looked after / SEND flags)",
            "                     | sync [--data DIR]  (once now, from the directory set up in pupil-sync.properties)",
            "       vigil-console store copy --from DIR --to postgresql://HOST:PORT/NAME --to-data DIR2",
            "                     [--screenshots files|postgresql|s3://BUCKET/PREFIX ...] [--batch N]",
            "                     (a school joining a trust: its stopped SQLite console into an empty PostgreSQL",
            "                     database; prints rows and SHA-256 per table on both sides, exit 3 if any differs)",
            "  every command also takes --db postgresql://HOST:PORT/NAME [--db-credentials FILE]",
            "  (or VIGIL_DB_URL, VIGIL_DB_USER, VIGIL_DB_PASSWORD): the console's database on PostgreSQL instead of",
            "  SQLite in --data, which then keeps the TLS files and screenshots; FILE: owner-only, user then password");

    private Main() {
    }

    /** The version in the jar's manifest; "dev" when run from classes. */
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** {@code help}, or {@code --help} / {@code -h} anywhere, on any command: the usage, and nothing is run. */
    static boolean wantsHelp(List<String> arguments) {
        return (!arguments.isEmpty() && arguments.get(0).equals("help"))
                || arguments.contains("--help") || arguments.contains("-h");
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (wantsHelp(arguments)) {
            System.out.println(USAGE);
            return;
        }
        if (arguments.equals(List.of("--version")) || arguments.equals(List.of("version"))) {
            System.out.println("vigil-console " + version());
            return;
        }
        String command = arguments.isEmpty() || arguments.get(0).startsWith("--") ? "serve" : arguments.get(0);
        List<String> options = arguments.isEmpty() || arguments.get(0).startsWith("--")
                ? arguments : arguments.subList(1, arguments.size());
        try {
            switch (command) {
                case "serve" -> ServeCommand.run(options, System.getenv(), System.out);
                case "agent-config" -> System.out.print(AgentConfigCommand.run(AgentConfigCommand.Options.fromArgs(options)));
                case "tokens" -> System.out.print(TokensCommand.run(options, Clock.systemUTC()));
                case "schools" -> System.out.print(SchoolsCommand.run(options, Clock.systemUTC()));
                case "devices" -> System.out.print(DevicesCommand.run(options, Clock.systemUTC()));
                case "users" -> System.out.print(UsersCommand.run(options, Clock.systemUTC()));
                case "wordlists" -> System.out.print(WordlistsCommand.run(options, Clock.systemUTC(),
                        AdminArguments.cliActor()));
                case "retention" -> System.out.print(RetentionCommand.run(options, Clock.systemUTC()));
                case "holds" -> System.out.print(HoldsCommand.run(options, Clock.systemUTC()));
                case "pupils" -> System.out.print(PupilsCommand.run(options, Clock.systemUTC()));
                case "store" -> {
                    StoreCommand.Outcome outcome = StoreCommand.run(options, System.getenv(), Clock.systemUTC());
                    System.out.print(outcome.text());
                    if (outcome.exitStatus() != 0) {
                        System.exit(outcome.exitStatus());
                    }
                }
                case "audit" -> {
                    AuditCommand.Outcome outcome = AuditCommand.run(options, Clock.systemUTC());
                    System.out.print(outcome.text());
                    if (outcome.exitStatus() != 0) {
                        System.exit(outcome.exitStatus());
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
        } catch (WordlistFormatException e) {
            e.getMessage().lines().forEach(line -> System.err.println("vigil-console: " + line));
            System.err.println("vigil-console: nothing changed");
            System.exit(1);
        } catch (ImportRefused e) {
            e.problems().forEach(problem -> System.err.println("vigil-console: " + problem));
            System.err.println("vigil-console: " + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s")
                    + ", nothing changed");
            System.exit(1);
        } catch (InvalidRequest e) {
            // refused by the same rules as the web console
            System.err.println("vigil-console: " + e.getMessage());
            System.err.println("vigil-console: nothing changed");
            System.exit(e.reason() == InvalidRequest.Reason.CONFLICT ? 1 : 2);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil-console: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            // the machine's problem (a port taken, a directory that cannot be written), said in one line; the
            // stack trace is for whoever turns on debug logging
            LOG.debug("vigil-console failed", e);
            System.err.println("vigil-console: " + e.getMessage());
            System.exit(1);
        } catch (StoreUnreachable e) {
            // a wrong --db, a refused password, a server down: one line naming the database, no password
            LOG.debug("vigil-console failed", e);
            System.err.println("vigil-console: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            LOG.error("vigil-console failed", e);
            System.err.println("vigil-console: " + e.getMessage());
            System.exit(1);
        }
    }
}
