package org.vigil.wordlists.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigil.wordlists.FoldedText;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Wordlist;
import org.vigil.wordlists.WordlistFormatException;
import org.vigil.wordlists.WordlistProblems;
import org.vigil.wordlists.eval.EvalCorpus;
import org.vigil.wordlists.eval.Scorecard;
import org.vigil.wordlists.eval.ScorecardJson;
import org.vigil.wordlists.eval.corpora.PrepareCorpora;

/**
 * {@code java -jar vigil-wordlists.jar [--lists DIR] check | test "text" | eval [--misses] [--json] [--binary] FILE.tsv}.
 * Without {@code --lists} it uses the default lists in the jar.
 */
public final class Main {
    static final String USAGE = """
            usage: java -jar vigil-wordlists.jar [--lists DIR] <command>
                   java -jar vigil-wordlists.jar --help | --version
              check            validate the lists (file:line: reason for every broken entry, up to 100)
              test "text"      show what the text matches, and why
              eval [--misses] [--json] [--binary] FILE.tsv
                               score a labelled corpus (expected<TAB>text): per-category precision and recall,
                               last line precision=… recall=…; --misses also lists every missed and wrongly
                               flagged line; --json prints one JSON object instead; --binary counts any hit on a
                               labelled line as found, whatever its category (as a plain profanity filter is scored)
              prepare-corpora --from DIR --to DIR
                               turn the public labelled data sets found in DIR into eval corpora in the other DIR,
                               each split into ID-dev.tsv and ID-heldout.tsv, with SOURCES.md (wordlists/eval/)""";

    private static final List<String> EVAL_FLAGS = List.of("--misses", "--json", "--binary");

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).run(args));
    }

    /** Runs one command; returns the exit status (0 ok, 1 bad lists or input, 2 bad usage). */
    int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.contains("--help") || rest.contains("-h") || rest.equals(List.of("help"))) {
            out.println(USAGE);
            return 0;
        }
        if (rest.equals(List.of("--version"))) {
            String version = Main.class.getPackage().getImplementationVersion();
            out.println("vigil-wordlists " + (version == null ? "dev" : version));
            return 0;
        }
        if (!rest.isEmpty() && rest.get(0).equals("prepare-corpora")) {
            return prepareCorpora(rest.subList(1, rest.size()));
        }
        Path lists = null;
        if (rest.size() >= 2 && rest.get(0).equals("--lists")) {
            lists = Path.of(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try {
            Wordlist wordlist = lists == null ? Wordlist.defaults() : Wordlist.load(lists);
            return switch (rest.get(0)) {
                case "check" -> rest.size() == 1 ? check(wordlist) : usage();
                case "test" -> rest.size() == 2 ? test(wordlist, rest.get(1)) : usage();
                case "eval" -> eval(wordlist, rest.subList(1, rest.size()));
                default -> usage();
            };
        } catch (WordlistProblems e) {
            e.lines().forEach(line -> err.println("error: " + line));
            return 1;
        } catch (WordlistFormatException | IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int prepareCorpora(List<String> args) {
        if (args.size() != 4 || !args.get(0).equals("--from") || !args.get(2).equals("--to")) {
            return usage();
        }
        try {
            PrepareCorpora.run(Path.of(args.get(1)), Path.of(args.get(3))).forEach(out::println);
            return 0;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }

    private int check(Wordlist wordlist) {
        long started = System.nanoTime();
        Matcher matcher = Matcher.compile(wordlist);
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<Wordlist.Repeat> duplicates = new ArrayList<>();
        for (Wordlist.Repeat repeat : wordlist.repeats()) {
            if (repeat.sameCategory()) {
                duplicates.add(repeat);
                err.println("duplicate: " + repeat);
            } else {
                out.println("note: " + repeat + ", in another category");
            }
        }
        out.printf("%d entries in %d categories %s; %d automaton states, %d misspellings indexed, tables %.1f MB,"
                        + " compiled in %d ms%n", wordlist.rules().size(), wordlist.categories().size(),
                wordlist.categories(), matcher.states(), matcher.misspellings(), matcher.tableBytes() / 1e6, millis);
        if (!duplicates.isEmpty()) {
            err.println("error: " + duplicates.size() + " duplicate entries (remove one of each pair)");
            return 1;
        }
        return 0;
    }

    private int test(Wordlist wordlist, String text) {
        List<Hit> hits = Matcher.compile(wordlist).scan(text);
        out.println("normalised: " + FoldedText.of(text).chars());
        if (hits.isEmpty()) {
            out.println("no match");
        }
        for (Hit hit : hits) {
            out.printf("%s severity %d [%d,%d) \"%s\"%n  %s%n", hit.rule().category(), hit.severity(),
                    hit.start(), hit.end(), hit.matchedText(), hit.explanation());
        }
        return 0;
    }

    private int eval(Wordlist wordlist, List<String> args) throws IOException {
        Set<String> flags = new HashSet<>();
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                if (!EVAL_FLAGS.contains(arg) || !flags.add(arg)) {
                    err.println("error: eval takes " + String.join(", ", EVAL_FLAGS) + " (each once), not '" + arg + "'");
                    return 2;
                }
            } else {
                files.add(arg);
            }
        }
        if (files.size() != 1) {
            return usage();
        }
        Path corpus = Path.of(files.get(0));
        boolean lines = flags.contains("--misses");
        Scorecard card = Scorecard.score(Matcher.compile(wordlist), EvalCorpus.read(corpus), flags.contains("--binary"));
        out.println(flags.contains("--json") ? ScorecardJson.of(corpus.getFileName().toString(), card, lines)
                : card.report(lines));
        return 0;
    }
}
