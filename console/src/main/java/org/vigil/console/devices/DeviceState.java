package org.vigil.console.devices;

/** Where a device stands, as IT needs to know it: one of these, judged by {@link DeviceHealth}. */
public enum DeviceState {
    /** Heard from within the silence threshold, and monitoring as far as its agent says. */
    ACTIVE("active"),
    /**
     * Heard from within the silence threshold, but its agent says it hears no typing: its keyboard hook is not
     * registered or one of its workers is dead. Silence outranks it: a silent device's word is stale.
     */
    NOT_MONITORING("not monitoring"),
    /**
     * Its agent said it was stopping on purpose (service stopped, shutdown, logout) and nothing has been heard from
     * it since: off, not failing. Its next Hello or heartbeat makes it active again.
     */
    STOPPED("stopped cleanly"),
    /** Connected once, but not heard from for longer than the threshold, and it did not say it was stopping. */
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
