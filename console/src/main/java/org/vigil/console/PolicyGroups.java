package org.vigil.console;

import java.time.Clock;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.policy.NoSuchGroup;
import org.vigil.console.policy.Policies;
import org.vigil.console.store.PolicyRepository;
import org.vigil.wordlists.WordlistBundle;

/** For commands that name a group: it must be one the policy in force has. */
final class PolicyGroups {
    private PolicyGroups() {
    }

    static void requireExisting(Database database, String group) {
        Clock clock = Clock.systemUTC();
        Policies policies = new Policies(new PolicyRepository(database, clock), new AuditLog(database, clock),
                database);
        policies.seedIfEmpty(WordlistBundle.defaults());
        if (!policies.groups().contains(group)) {
            throw new NoSuchGroup(group + " (create it first: wordlists group " + group + " --file FILE)");
        }
    }
}
