package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shaded jar as an operator would: serve, read the ready line, then agent-config. */
@Tag("e2e")
class ConsoleJarIT {
    private static final Pattern READY = Pattern.compile(
            "Vigil console ready: http=https://127\\.0\\.0\\.1:(\\d+)/ grpc=([^:\\s]+):(\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("CA fingerprint \\(SHA-256\\): ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})");

    @TempDir
    Path dataDir;

    @Test
    void jarServesPrintsItsPortsAndMakesAgentConfigs() throws Exception {
        String jar = System.getProperty("vigil.console.jar");
        ProcessBuilder serve = new ProcessBuilder(javaBin(), "-jar", jar, "serve", "--data", dataDir.toString(),
                "--http-port", "0", "--grpc-port", "0", "--bind", "127.0.0.1")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        serve.environment().put(ConsoleConfig.ADMIN_PASSWORD_ENV, "jar test: plum kettle lantern");
        Process process = serve.start();
        try {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Matcher ready = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                Matcher m = READY.matcher(line);
                if (m.matches()) {
                    ready = m;
                    break;
                }
            }
            assertTrue(ready != null, "no ready line in " + lines);
            assertTrue(lines.contains("Admin user \"admin\" (IT administrator) created with the one-time password taken"
                    + " from VIGIL_ADMIN_PASSWORD"),
                    lines.toString());
            String fingerprint = lines.stream().map(FINGERPRINT::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1)).findFirst().orElseThrow();
            int httpPort = Integer.parseInt(ready.group(1));
            int grpcPort = Integer.parseInt(ready.group(3));
            assertEquals("http=" + httpPort + "\ngrpc=" + grpcPort + "\n", Files.readString(dataDir.resolve("console.ports")));

            // by default the web UI is HTTPS with a certificate from the console's own CA
            HttpResponse<String> health = HttpsClients.trusting(dataDir.resolve("tls").resolve("ca.pem")).send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("max-age=31536000", health.headers().firstValue("Strict-Transport-Security").orElse(""));
            HttpResponse<String> typedHttp = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(308, typedHttp.statusCode(), "plain HTTP is sent to HTTPS");
            assertEquals("https://127.0.0.1:" + httpPort + "/login", typedHttp.headers().firstValue("Location")
                    .orElse(""));
            assertTrue(health.body().startsWith("{\"status\":\"ok\",\"workers\":["), health.body());
            assertTrue(health.body().contains("{\"name\":\"vigil-capture-writer\",\"state\":\"RUNNING\""),
                    health.body());

            Process agentConfig = new ProcessBuilder(javaBin(), "-jar", jar, "agent-config", "--data", dataDir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String config = new String(agentConfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(agentConfig.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, agentConfig.exitValue());
            String[] configLines = config.split("\n");
            assertEquals(5, configLines.length, config);
            assertTrue(configLines[2].startsWith("console.address=") && configLines[2].endsWith(":" + grpcPort), config);
            assertTrue(configLines[3].matches("enrolment\\.token=[A-Za-z0-9_-]{43}"), config);
            assertEquals("console.ca.sha256=" + fingerprint, configLines[4]);
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
