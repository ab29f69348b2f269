package org.vigil.console.ingest;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.console.policy.PolicyListener;
import org.vigil.console.triage.KnownCategories;
import org.vigil.wordlists.WordlistBundle;

/**
 * The category ids an event may carry, compared exactly (issue 13: "Sexual-Content" slipped past the screenshot
 * justification gate and showed as its own category): the shipped ones and every category file of each policy in
 * force since the console started. A category dropped from the policy stays accepted until a restart, as agents
 * still running the older version may have hits for it in their spools.
 */
final class AcceptedCategories implements PolicyListener {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    AcceptedCategories(WordlistBundle current) {
        ids.addAll(KnownCategories.IDS);
        add(current);
    }

    boolean accepts(String category) {
        return ids.contains(category);
    }

    @Override
    public void policyChanged(String version, WordlistBundle bundle) {
        add(bundle);
    }

    private void add(WordlistBundle bundle) {
        for (String file : bundle.categoryFiles().files().keySet()) {
            if (file.endsWith(".txt")) {
                ids.add(file.substring(0, file.length() - ".txt".length()));
            }
        }
    }
}
