package org.vigil.console.devices;

/** Whether a device could enrol with an enrolment token now. */
public enum TokenState {
    USABLE("usable"),
    EXPIRED("expired"),
    REVOKED("revoked");

    private final String label;

    TokenState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
