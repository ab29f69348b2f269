package org.vigil.console.alerts.rules;

/**
 * Whom a rule alerts. Only enabled DSLs with an email address ever receive one, whatever the rule says; a rule for
 * the rota when no one is on it alerts every DSL rather than no one.
 */
public enum RuleRecipients {
    ALL_DSLS("every DSL with an email"),
    ROTA("the DSLs on the rota at the time"),
    NAMED("named DSLs");

    private final String words;

    RuleRecipients(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
