package org.vigil.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.console.store.School;

/**
 * The devices page's school column (ADR 0198), shown to IT who work for two schools or more: each device's school,
 * and the schools it may be moved to. Everyone else sees the page as before.
 */
public record DeviceSchools(List<School> choices, Map<String, School> byDevice) {
    static final DeviceSchools NONE = new DeviceSchools(List.of(), Map.of());

    public DeviceSchools {
        choices = List.copyOf(choices);
        byDevice = Map.copyOf(byDevice);
    }

    public boolean shown() {
        return choices.size() > 1;
    }

    public Optional<School> of(String deviceId) {
        return Optional.ofNullable(byDevice.get(deviceId));
    }

    public static String moveHref(String deviceId) {
        return "/devices/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8) + "/school";
    }
}
