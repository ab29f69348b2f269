package org.vigil.console.alerts.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

/** School hours: from {@code starts} until {@code ends} on each of the school days, in the school's zone. */
public record SchoolHours(LocalTime starts, LocalTime ends) {
    public static final SchoolHours DEFAULT = new SchoolHours(LocalTime.of(8, 30), LocalTime.of(15, 30));

    public SchoolHours {
        if (!ends.isAfter(starts)) {
            throw new IllegalArgumentException("school hours end after they start");
        }
    }

    public boolean contains(ZonedDateTime local, Set<DayOfWeek> schoolDays) {
        return schoolDays.stream().anyMatch(day -> new WeeklyBand(day, starts, ends).covers(local));
    }
}
