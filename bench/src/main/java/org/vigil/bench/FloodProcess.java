package org.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.vigil.agent.delivery.DeviceCredentials;

/**
 * The flood from a JVM of its own ({@link StreamFloodClient}, started from this bench jar), so the client's TLS and
 * HTTP/2 work is not done on the console's event loops and its threads do not count as the console's.
 */
final class FloodProcess implements FloodRun {
    private final Process process;
    private volatile String summary = "starting";
    private volatile boolean settled;

    FloodProcess(String address, String caFingerprint, DeviceCredentials device, int streams, int channels)
            throws IOException {
        ProcessBuilder builder = ChildJvm.of("stream-flood-client", address, caFingerprint, Integer.toString(streams),
                Integer.toString(channels));
        builder.environment().put("VIGIL_FLOOD_DEVICE_ID", device.deviceId());
        builder.environment().put("VIGIL_FLOOD_DEVICE_SECRET", device.deviceSecret());
        process = builder.start();
        Thread reader = new Thread(this::readReports, "stream-flood-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readReports() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("  flood client (pid " + process.pid() + "): " + line);
                if (line.startsWith(StreamFloodClient.OPENED)) {
                    summary = "all started in " + line.substring(StreamFloodClient.OPENED.length()) + " s";
                } else if (line.startsWith(StreamFloodClient.SETTLED)) {
                    summary = line.substring(StreamFloodClient.SETTLED.length());
                    settled = true;
                } else if (line.startsWith(StreamFloodClient.UNSETTLED)) {
                    summary = line.substring(StreamFloodClient.UNSETTLED.length()) + " (not settled in 5 min)";
                }
            }
        } catch (IOException e) {
            summary = "lost the flood client's output: " + e.getMessage();
        }
    }

    @Override
    public boolean settled() {
        return settled;
    }

    @Override
    public String summary() {
        return process.isAlive() || settled ? summary : summary + " (the client exited " + process.exitValue() + ")";
    }

    @Override
    public OptionalInt clientThreads() {
        return ChildJvm.threads(process);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
