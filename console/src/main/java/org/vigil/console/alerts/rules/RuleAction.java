package org.vigil.console.alerts.rules;

/** What a rule does with a capture it matches. */
public enum RuleAction {
    NOW("alert at once"),
    DIGEST("put in the morning digest"),
    NONE("no alert (the queue only)");

    private final String words;

    RuleAction(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
