package org.vigil.console.store;

import java.util.Optional;

/** What came of an escalated capture, recorded when it is closed. */
public enum CaseOutcome {
    SOCIAL_CARE("Referred to children's social care / MASH"),
    POLICE("Police"),
    PREVENT("Prevent"),
    CEOP("CEOP"),
    EARLY_HELP("Early help / CAMHS"),
    PARENTS_INFORMED("Parents informed"),
    PASTORAL_SUPPORT("Pastoral support in school"),
    NO_FURTHER_ACTION("No further action");

    private final String label;

    CaseOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<CaseOutcome> parse(String text) {
        for (CaseOutcome outcome : values()) {
            if (outcome.name().equals(text)) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
