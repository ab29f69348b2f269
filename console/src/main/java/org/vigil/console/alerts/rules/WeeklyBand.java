package org.vigil.console.alerts.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;

/**
 * A time band that starts on a weekday, in local time: from {@code starts} until {@code ends}. A band whose end is
 * not after its start runs past midnight into the next day, so 18:00-08:00 on Friday is Friday evening to Saturday
 * morning and 00:00-00:00 is the whole day. Judged on the wall clock of the school's zone, so a band keeps its
 * local hours across a change of the clocks.
 */
public record WeeklyBand(DayOfWeek day, LocalTime starts, LocalTime ends) {

    public boolean crossesMidnight() {
        return !ends.isAfter(starts);
    }

    /** Whether the moment (already in the school's zone) is inside the band. */
    public boolean covers(ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        DayOfWeek today = local.getDayOfWeek();
        if (!crossesMidnight()) {
            return today == day && !time.isBefore(starts) && time.isBefore(ends);
        }
        return (today == day && !time.isBefore(starts)) || (today == day.plus(1) && time.isBefore(ends));
    }
}
