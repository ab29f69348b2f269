package org.vigil.console.web;

import java.util.List;
import java.util.Optional;
import org.vigil.console.devices.DeviceStatus;

/**
 * The devices page: the counts over every device, the filter, the rows it lets through, the groups devices may
 * move to, the silence threshold, a one-time notice (after a revocation or a move) and, for IT of several schools,
 * each device's school.
 */
public record DevicesPage(PageHeader header, Counts counts, DeviceFilter filter, List<Row> rows, List<String> groups,
                          long silentAfterHours, Optional<String> notice, List<AlertsWaiting> alertsWaiting,
                          DeviceSchools schools) {

    public List<DeviceFilter> filters() {
        return List.of(DeviceFilter.values());
    }

    /** How many devices are in each state, and how many are behind, over every device (whatever the filter). */
    public record Counts(int total, int active, int stopped, int silent, int notMonitoring, int neverConnected,
                         int behind, int revoked) {

        public int of(DeviceFilter filter) {
            return switch (filter) {
                case ALL -> total;
                case STOPPED -> stopped;
                case SILENT -> silent;
                case NOT_MONITORING -> notMonitoring;
                case NEVER_CONNECTED -> neverConnected;
                case BEHIND -> behind;
                case REVOKED -> revoked;
            };
        }
    }

    /**
     * One device with its times as the page shows them: relative, and exact in the console's time zone; and, for a
     * device that is not monitoring, why and when it last handled typing; for one stopped cleanly, when and why; and
     * the sign-in notice it last showed (to whom, when, how), for the school's records.
     */
    public record Row(DeviceStatus status, String lastSeenAgo, String lastSeenExact, String enrolledExact,
                      String revokeHref, String moveHref, Optional<String> notMonitoring, Optional<String> stopped,
                      Optional<String> noticeShown) {
    }

    /**
     * One channel's alerts not delivered yet (IT's own device alerts and the DSLs' alike): how many, since when
     * (relative), and why. Counts and errors only, never what an alert says.
     */
    public record AlertsWaiting(String channel, long count, String since, String reason) {
    }
}
