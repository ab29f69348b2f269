package org.vigil.console.web;

import java.util.Optional;
import org.vigil.console.devices.DeviceState;
import org.vigil.console.devices.DeviceStatus;

/** Which devices the devices page lists, as named in its {@code show} parameter. */
public enum DeviceFilter {
    ALL("all", "All"),
    STOPPED("stopped", "Stopped cleanly"),
    SILENT("silent", "Silent"),
    NOT_MONITORING("not-monitoring", "Not monitoring"),
    NEVER_CONNECTED("never", "Never connected"),
    BEHIND("behind", "Behind"),
    REVOKED("revoked", "Revoked");

    private final String param;
    private final String label;

    DeviceFilter(String param, String label) {
        this.param = param;
        this.label = label;
    }

    public String param() {
        return param;
    }

    public String label() {
        return label;
    }

    public String href() {
        return this == ALL ? "/devices" : "/devices?show=" + param;
    }

    /** The filter a {@code show} value names; no value means all, an unknown one is absent. */
    static Optional<DeviceFilter> parse(String show) {
        if (show == null || show.isEmpty()) {
            return Optional.of(ALL);
        }
        for (DeviceFilter filter : values()) {
            if (filter.param.equals(show)) {
                return Optional.of(filter);
            }
        }
        return Optional.empty();
    }

    boolean accepts(DeviceStatus status) {
        return switch (this) {
            case ALL -> true;
            case STOPPED -> status.state() == DeviceState.STOPPED;
            case SILENT -> status.state() == DeviceState.SILENT;
            case NOT_MONITORING -> status.state() == DeviceState.NOT_MONITORING;
            case NEVER_CONNECTED -> status.state() == DeviceState.NEVER_CONNECTED;
            case BEHIND -> status.behind();
            case REVOKED -> status.state() == DeviceState.REVOKED;
        };
    }
}
