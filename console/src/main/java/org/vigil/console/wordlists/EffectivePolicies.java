package org.vigil.console.wordlists;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.wordlists.WordlistBundle;

/**
 * What each group's devices match with under one policy version: the category files with the group's overrides
 * made ({@link WordlistBundle#forGroup}), worked out once per group. A device in no group, or in a group this version
 * has no file for, gets the category files as they are.
 */
public final class EffectivePolicies {
    private static final String NO_GROUP = "";

    private final WordlistBundle policy;
    private final Map<String, WordlistBundle> byGroup = new ConcurrentHashMap<>();

    public EffectivePolicies(WordlistBundle policy) {
        this.policy = policy;
    }

    /** The policy version these are worked out from. */
    public String version() {
        return policy.version();
    }

    public WordlistBundle policy() {
        return policy;
    }

    /** The lists a device in this group (or in none) matches with. */
    public WordlistBundle forGroup(Optional<String> group) {
        String key = group.filter(policy.groups()::contains).orElse(NO_GROUP);
        return byGroup.computeIfAbsent(key, k -> policy.forGroup(k.isEmpty() ? Optional.empty() : Optional.of(k)));
    }
}
