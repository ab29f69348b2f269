package org.vigil.console.ingest;

import io.grpc.Metadata;
import java.time.Clock;
import org.vigil.console.edge.RateLimit;
import org.vigil.console.edge.TokenBuckets;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.SecureRandomStrings;
import org.vigil.proto.WireNames;

/**
 * Whether a device's new call is within its allowance of new streams ({@link RateLimit#DEVICE_STREAMS}, issue 13).
 * Decided once per call, before the call reaches a handler thread: gRPC asks {@link ExecutorByAllowance} which
 * executor a call runs on, and that asks here. The decision travels in the call's own headers to
 * {@link DeviceAuthInterceptor}, which refuses the call. The header's value carries a secret made at start-up, so a
 * client that sends the header itself decides nothing.
 */
public final class StreamAllowance {
    private static final Metadata.Key<String> DECISION =
            Metadata.Key.of("vigil-console-stream-allowance", Metadata.ASCII_STRING_MARSHALLER);

    private final TokenBuckets newStreams;
    private final String granted;
    private final String refused;

    public StreamAllowance(Clock clock) {
        this(new TokenBuckets(RateLimit.DEVICE_STREAMS, clock));
    }

    /** @param newStreams the calls each set of credentials may start */
    public StreamAllowance(TokenBuckets newStreams) {
        this.newStreams = newStreams;
        String secret = SecureRandomStrings.base64Url(16);
        this.granted = "granted-" + secret;
        this.refused = "refused-" + secret;
    }

    /**
     * Takes one new stream from the allowance of the credentials the call presents and writes the decision into its
     * headers. Keyed on the credentials as presented, before the database is asked, so a flood costs a hash per call
     * and someone without a device's secret cannot spend that device's allowance.
     *
     * @return whether the call may go on
     */
    boolean decide(Metadata headers) {
        headers.discardAll(DECISION);
        boolean within = newStreams.take(Hashes.sha256Hex(headers.get(WireNames.DEVICE_ID) + "\n"
                + headers.get(WireNames.DEVICE_SECRET))).isEmpty();
        headers.put(DECISION, within ? granted : refused);
        return within;
    }

    /** The decision already made for this call; made now if none was (a server built without the executor choice). */
    boolean granted(Metadata headers) {
        String decision = headers.get(DECISION);
        if (granted.equals(decision)) {
            return true;
        }
        return !refused.equals(decision) && decide(headers);
    }
}
