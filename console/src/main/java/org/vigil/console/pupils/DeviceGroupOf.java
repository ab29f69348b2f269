package org.vigil.console.pupils;

/** The device group a pupil's devices belong in, and the directory group or OU of theirs that says so. */
public record DeviceGroupOf(String group, DirectoryGroup via) {
}
