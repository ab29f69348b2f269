package org.vigil.console.devices;

/** Where a device stands, as IT needs to know it: one of these, judged by {@link DeviceHealth}. */
public enum DeviceState {
    /** Heard from within the silence threshold. */
    ACTIVE("active"),
    /** Connected once, but not heard from for longer than the threshold. */
    SILENT("silent"),
    /** Enrolled, but never said Hello: the agent may not be running at all. */
    NEVER_CONNECTED("never connected"),
    /** Refused from now on; its captures stay. */
    REVOKED("revoked");

    private final String label;

    DeviceState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
