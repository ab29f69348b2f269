package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vigil.agent.delivery.ConsoleChannels;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.proto.CertificateFingerprint;

/**
 * The flooding client as a process of its own ({@code stream-flood --flood-from-process}), so its TLS and HTTP/2
 * work no longer shares the console's event loops: {@code stream-flood-client ADDRESS CA_FINGERPRINT STREAMS
 * CHANNELS}, the device's credentials in {@code VIGIL_FLOOD_DEVICE_ID} and {@code VIGIL_FLOOD_DEVICE_SECRET} (not
 * on the command line, where {@code ps} shows them). Tells the harness on stdout: {@code opened SECONDS}, then
 * {@code settled SUMMARY} (or {@code unsettled SUMMARY} after 5 minutes); half-closes its streams and exits when
 * its stdin closes.
 */
final class StreamFloodClient {
    static final String OPENED = "opened ";
    static final String SETTLED = "settled ";
    static final String UNSETTLED = "unsettled ";

    private StreamFloodClient() {
    }

    static void run(List<String> args) throws Exception {
        if (args.size() != 4) {
            throw new IllegalArgumentException("usage: stream-flood-client ADDRESS CA_FINGERPRINT STREAMS CHANNELS");
        }
        String id = System.getenv("VIGIL_FLOOD_DEVICE_ID");
        String secret = System.getenv("VIGIL_FLOOD_DEVICE_SECRET");
        if (id == null || secret == null) {
            throw new IllegalArgumentException("VIGIL_FLOOD_DEVICE_ID and VIGIL_FLOOD_DEVICE_SECRET must be set");
        }
        int streams = Integer.parseInt(args.get(2));
        int channelCount = Integer.parseInt(args.get(3));
        List<ManagedChannel> channels = new ArrayList<>();
        try {
            for (int c = 0; c < channelCount; c++) {
                channels.add(ConsoleChannels.open(args.get(0), CertificateFingerprint.parse(args.get(1))));
            }
            StreamFlood flood = new StreamFlood(channels, new DeviceCredentials(id, secret), streams);
            flood.open();
            System.out.println(OPENED + flood.openedSeconds());
            long settleBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!flood.settled() && System.nanoTime() < settleBy) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            System.out.println((flood.settled() ? SETTLED : UNSETTLED) + flood.summary());
            awaitEndOf(System.in);
            flood.finish();
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static void awaitEndOf(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // the harness closes our stdin when it is done
        }
    }
}
