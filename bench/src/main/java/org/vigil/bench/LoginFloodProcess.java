package org.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The sign-in flood from a JVM of its own ({@link LoginFloodClient}, started from this bench jar), so the visitors'
 * threads do not share the console's JVM and are counted apart.
 */
final class LoginFloodProcess {
    private final Process process;
    private volatile String answers = "none reported";
    private volatile String errors = "?";

    LoginFloodProcess(String base, int visitors, int seconds) throws IOException {
        process = ChildJvm.of("login-flood-client", base, Integer.toString(visitors), Integer.toString(seconds))
                .start();
        Thread reader = new Thread(this::readReports, "login-flood-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readReports() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(LoginFloodClient.ANSWERS)) {
                    answers = line.substring(LoginFloodClient.ANSWERS.length());
                } else if (line.startsWith(LoginFloodClient.ERRORS)) {
                    errors = line.substring(LoginFloodClient.ERRORS.length());
                } else {
                    System.out.println("  flood client (pid " + process.pid() + "): " + line);
                }
            }
        } catch (IOException e) {
            answers = "lost the flood client's output: " + e.getMessage();
        }
    }

    /** The visitors' threads now (Linux), empty once the process has ended. */
    OptionalInt threads() {
        return ChildJvm.threads(process);
    }

    /** Waits for the flood to end and its report to be read. */
    void await() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroy();
        }
        TimeUnit.MILLISECONDS.sleep(500);
    }

    String answers() {
        return answers;
    }

    String errors() {
        return errors;
    }
}
