package org.vigil.console.ingest;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.policy.EffectivePolicies;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.store.DevicePlacement;
import org.vigil.console.store.DeviceRepository;
import org.vigil.proto.v1.Policy;
import org.vigil.wordlists.WordlistBundle;

/**
 * The policy in force, as each agent receives it: the lists of its device's school and group (its effective policy,
 * named by its own content hash: ADRs 0062, 0193). Sent on a stream whose agent says in its Hello that it runs
 * another version, and on every open stream whose device should now run something else: after a publish of the
 * trust's lists or a school's changes, after a device moves group, and at each {@link #reconcile()} (which also
 * catches changes another process made to the database). A device whose lists did not change is sent nothing, so a
 * school's change reaches that school's devices only.
 */
public final class PolicyPush {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyPush.class);
    private static final int ENCODED = 256;

    private final LiveStreams live;
    private final DeviceRepository devices;
    private final SchoolPolicies policies;
    private final Map<String, Policy> encoded = new ConcurrentHashMap<>();
    private volatile SchoolPolicies.Snapshot lists;

    public PolicyPush(LiveStreams live, DeviceRepository devices, SchoolPolicies policies) {
        this.live = live;
        this.devices = devices;
        this.policies = policies;
        this.lists = policies.snapshot();
    }

    /** Reads the lists in force again and sends each open stream what its device should now run. */
    public void publish() {
        encoded.clear();
        int sent = reconcile();
        LOG.info("policy changed: pushed to {} of {} open streams", sent, live.count());
    }

    /**
     * Sends every open stream whose agent runs something other than its device's effective policy that policy,
     * unless it was already sent to that stream.
     *
     * @return how many streams were sent a policy
     */
    public int reconcile() {
        SchoolPolicies.Snapshot now = policies.snapshot();
        lists = now;
        Set<DeviceStream> streams = live.streams();
        if (streams.isEmpty()) {
            return 0;
        }
        Map<String, DevicePlacement> placements = devices.placements();
        int sent = 0;
        for (DeviceStream stream : streams) {
            DevicePlacement placement = placements.getOrDefault(stream.deviceId(), DevicePlacement.DEFAULT);
            if (stream.offerPolicy(message(now, placement))) {
                sent++;
            }
        }
        return sent;
    }

    /** What this device should run now. */
    Policy forDevice(String deviceId) {
        return message(lists, devices.placementOf(deviceId).orElse(DevicePlacement.DEFAULT));
    }

    /** One message per effective version, encoded once however many devices it goes to. */
    private Policy message(SchoolPolicies.Snapshot now, DevicePlacement placement) {
        EffectivePolicies effective = now.forSchool(placement.schoolId());
        String version = effective.versionFor(placement.group());
        Policy known = encoded.get(version);
        if (known != null) {
            return known;
        }
        if (encoded.size() >= ENCODED) {
            encoded.clear();
        }
        return encoded.computeIfAbsent(version, v -> message(effective.forGroup(placement.group())));
    }

    /** The wire form: the version and the bundle's canonical encoding as UTF-8. */
    static Policy message(WordlistBundle bundle) {
        return Policy.newBuilder().setVersion(bundle.version())
                .setWordlist(ByteString.copyFrom(bundle.encode(), StandardCharsets.UTF_8)).build();
    }
}
