package org.vigil.console.pupils;

import java.util.List;
import java.util.Map;
import org.vigil.console.store.DirectoryPupil;

/**
 * What one read of the directory found: every pupil, and for those in a group or OU that {@code pupil-sync.properties}
 * maps to a device group, that device group (by directory login).
 */
public record DirectoryListing(List<DirectoryPupil> pupils, Map<String, DeviceGroupOf> deviceGroupOfLogin) {
    public DirectoryListing {
        pupils = List.copyOf(pupils);
        deviceGroupOfLogin = Map.copyOf(deviceGroupOfLogin);
    }
}
