package org.vigil.console.settings;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The school's settings at one moment, typed, with the defaults filled in. */
public record SchoolSettings(ZoneId zone, Set<DayOfWeek> schoolDays, LocalTime digestTime, Duration escalationAfter,
                             boolean pupilNamesInAlerts, Duration silentDeviceAfter, Optional<String> smtpUrl,
                             Optional<String> alertFrom) {

    public SchoolSettings {
        schoolDays = Set.copyOf(schoolDays);
    }

    /** Every setting at its default. */
    public static SchoolSettings defaults() {
        return from(Map.of());
    }

    /** From the stored values (keys as in {@link Setting#key}), each missing one at its default. */
    public static SchoolSettings from(Map<String, String> stored) {
        return new SchoolSettings(ZoneId.of(value(stored, Setting.TIME_ZONE)), days(value(stored, Setting.SCHOOL_DAYS)),
                LocalTime.parse(value(stored, Setting.DIGEST_TIME)),
                Duration.ofMinutes(Long.parseLong(value(stored, Setting.ESCALATION_MINUTES))),
                Boolean.parseBoolean(value(stored, Setting.PUPIL_NAMES_IN_ALERTS)),
                Duration.ofMinutes(Long.parseLong(value(stored, Setting.SILENT_DEVICE_MINUTES))),
                optional(value(stored, Setting.SMTP_URL)), optional(value(stored, Setting.ALERT_FROM)));
    }

    /** "MON", "monday", "Tue" … as a day: three letters at least. */
    static Optional<DayOfWeek> day(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        return upper.length() < 3 ? Optional.empty() : Arrays.stream(DayOfWeek.values())
                .filter(day -> day.name().startsWith(upper))
                .findFirst();
    }

    private static String value(Map<String, String> stored, Setting setting) {
        return stored.getOrDefault(setting.key(), setting.defaultValue());
    }

    private static Set<DayOfWeek> days(String value) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : value.split(",")) {
            day(day).ifPresent(days::add);
        }
        return days;
    }

    private static Optional<String> optional(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
