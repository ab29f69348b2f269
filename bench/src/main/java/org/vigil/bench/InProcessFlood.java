package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.util.List;
import java.util.OptionalInt;
import org.vigil.agent.delivery.DeviceCredentials;

/** The flood from this JVM: its client's TLS and HTTP/2 work shares the console's event loops and cores. */
final class InProcessFlood implements FloodRun {
    private final StreamFlood flood;
    private final Thread opener;

    InProcessFlood(List<ManagedChannel> channels, DeviceCredentials device, int streams) {
        flood = new StreamFlood(channels, device, streams);
        opener = new Thread(flood::open, "stream-flood-opener");
        opener.setDaemon(true);
        opener.start();
    }

    @Override
    public boolean settled() {
        return flood.settled();
    }

    @Override
    public String summary() {
        return flood.summary();
    }

    @Override
    public OptionalInt clientThreads() {
        return OptionalInt.empty();
    }

    @Override
    public void close() throws InterruptedException {
        opener.join();
        flood.finish();
    }
}
