package org.vigil.console.store;

import java.util.Optional;

/** Where a device sits for its lists: its school and its group (ADR 0193). */
public record DevicePlacement(long schoolId, Optional<String> group) {
    /** A device of the first school in no group: what a one-school console's ungrouped devices are. */
    public static final DevicePlacement DEFAULT = new DevicePlacement(School.FIRST, Optional.empty());
}
