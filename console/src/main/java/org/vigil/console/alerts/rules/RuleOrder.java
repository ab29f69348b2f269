package org.vigil.console.alerts.rules;

import java.util.ArrayList;
import java.util.List;

/** Rules numbered 1, 2, 3… in the order given (the order they are read). */
final class RuleOrder {
    private RuleOrder() {
    }

    static List<AlertRule> renumbered(List<AlertRule> rules) {
        List<AlertRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AlertRule r = rules.get(i);
            out.add(new AlertRule(r.id(), i + 1, r.minSeverity(), r.maxSeverity(), r.category(), r.hours(),
                    r.action(), r.recipients(), r.namedUserIds(), r.webhook()));
        }
        return out;
    }
}
