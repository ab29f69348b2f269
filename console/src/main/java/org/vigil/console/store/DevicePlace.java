package org.vigil.console.store;

import java.util.Optional;

/** Where a device sits: its school and its group (none for the school's default lists). */
public record DevicePlace(long schoolId, Optional<String> group) {
}
