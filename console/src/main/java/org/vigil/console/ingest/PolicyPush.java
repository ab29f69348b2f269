package org.vigil.console.ingest;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.Policy;
import org.vigil.wordlists.WordlistBundle;

/**
 * The policy in force, as agents receive it: sent on every open stream when it changes, and on a stream whose
 * agent says in its Hello that it runs another version.
 */
public final class PolicyPush {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyPush.class);

    private final LiveStreams live;
    private volatile Policy current;

    public PolicyPush(LiveStreams live, WordlistBundle initial) {
        this.live = live;
        this.current = message(initial);
    }

    /** Makes the bundle the policy in force and sends it on every open stream. */
    public void publish(WordlistBundle bundle) {
        Policy policy = message(bundle);
        current = policy;
        Set<DeviceStream> streams = live.streams();
        streams.forEach(stream -> stream.sendPolicy(policy));
        LOG.info("pushed policy {} to {} open streams", policy.getVersion(), streams.size());
    }

    Policy current() {
        return current;
    }

    /** The wire form: the version and the bundle's canonical encoding as UTF-8. */
    static Policy message(WordlistBundle bundle) {
        return Policy.newBuilder().setVersion(bundle.version())
                .setWordlist(ByteString.copyFrom(bundle.encode(), StandardCharsets.UTF_8)).build();
    }
}
