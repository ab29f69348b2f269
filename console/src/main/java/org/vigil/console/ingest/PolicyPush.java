package org.vigil.console.ingest;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.policy.EffectivePolicies;
import org.vigil.proto.v1.Policy;
import org.vigil.wordlists.WordlistBundle;

/**
 * The policy in force, as each agent receives it: the lists of its device's group (its effective policy, named by
 * its own content hash). Sent on a stream whose agent says in its Hello that it runs another version, and on every
 * open stream whose device should now run something else: after a publish, after a device moves group, and at each
 * {@link #reconcile()} (which also catches changes another process made to the database). A device whose lists did
 * not change is sent nothing.
 */
public final class PolicyPush {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyPush.class);

    private final LiveStreams live;
    private final DeviceRepository devices;
    private volatile Messages messages;

    public PolicyPush(LiveStreams live, DeviceRepository devices, WordlistBundle policy) {
        this.live = live;
        this.devices = devices;
        this.messages = new Messages(new EffectivePolicies(policy));
    }

    /** Makes the bundle the policy in force and sends each open stream what its device should now run. */
    public void publish(WordlistBundle policy) {
        messages = new Messages(new EffectivePolicies(policy));
        int sent = reconcile();
        LOG.info("policy {} in force: pushed to {} of {} open streams", policy.version(), sent, live.count());
    }

    /**
     * Sends every open stream whose agent runs something other than its device's effective policy that policy,
     * unless it was already sent to that stream.
     *
     * @return how many streams were sent a policy
     */
    public int reconcile() {
        Set<DeviceStream> streams = live.streams();
        if (streams.isEmpty()) {
            return 0;
        }
        Map<String, String> groups = devices.groups();
        Messages now = messages;
        int sent = 0;
        for (DeviceStream stream : streams) {
            if (stream.offerPolicy(now.forGroup(Optional.ofNullable(groups.get(stream.deviceId()))))) {
                sent++;
            }
        }
        return sent;
    }

    /** What this device should run now. */
    Policy forDevice(String deviceId) {
        return messages.forGroup(devices.groupOf(deviceId));
    }

    /** The wire form: the version and the bundle's canonical encoding as UTF-8. */
    static Policy message(WordlistBundle bundle) {
        return Policy.newBuilder().setVersion(bundle.version())
                .setWordlist(ByteString.copyFrom(bundle.encode(), StandardCharsets.UTF_8)).build();
    }

    /** One policy version's messages, one per group, each encoded once however many devices it goes to. */
    private static final class Messages {
        private final EffectivePolicies effective;
        private final Map<String, Policy> byVersion = new ConcurrentHashMap<>();

        Messages(EffectivePolicies effective) {
            this.effective = effective;
        }

        Policy forGroup(Optional<String> group) {
            return byVersion.computeIfAbsent(effective.versionFor(group),
                    version -> message(effective.forGroup(group)));
        }
    }
}
