package org.vigil.console.alerts.rules;

/** When a rule applies: at any time, in school hours, or out of hours (evenings, nights, weekends, holidays). */
public enum RuleHours {
    ANY("at any time"),
    SCHOOL("in school hours"),
    OUT("out of hours");

    private final String words;

    RuleHours(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    boolean covers(boolean inSchoolHours) {
        return this == ANY || (this == SCHOOL) == inSchoolHours;
    }
}
