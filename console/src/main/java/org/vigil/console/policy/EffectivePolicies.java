package org.vigil.console.policy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.wordlists.GroupOverrides;
import org.vigil.wordlists.WordlistBundle;

/**
 * What each group's devices match with under one policy version: the category files with the group's overrides
 * made ({@link WordlistBundle#forGroup}), worked out once per group, with their version (a hash of ~50 KB, so also
 * worked out once: judging thousands of devices asks for it once each). A device in no group, or in a group this
 * version has no file for, gets the category files as they are.
 */
public final class EffectivePolicies {
    private static final String NO_GROUP = "";

    private final WordlistBundle policy;
    private final String version;
    private final Map<String, Lists> byGroup = new ConcurrentHashMap<>();

    public EffectivePolicies(WordlistBundle policy) {
        this.policy = policy;
        this.version = policy.version();
    }

    /** The policy version these are worked out from. */
    public String version() {
        return version;
    }

    public WordlistBundle policy() {
        return policy;
    }

    /** The lists a device in this group (or in none) matches with. */
    public WordlistBundle forGroup(Optional<String> group) {
        return lists(group).bundle();
    }

    /** The version of those lists: what a device in this group should report running. */
    public String versionFor(Optional<String> group) {
        return lists(group).version();
    }

    private Lists lists(Optional<String> group) {
        String key = group.filter(id -> policy.files().containsKey(GroupOverrides.fileName(id))).orElse(NO_GROUP);
        return byGroup.computeIfAbsent(key, k -> {
            WordlistBundle bundle = policy.forGroup(k.isEmpty() ? Optional.empty() : Optional.of(k));
            return new Lists(bundle, bundle.version());
        });
    }

    private record Lists(WordlistBundle bundle, String version) {
    }
}
