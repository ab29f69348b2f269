package org.vigil.console.alerts.it;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What IT's device email says: each device (hostname, id, group), what is wrong and since when in the school's time
 * zone, and a link to /devices. Devices only: never a capture, a pupil's typed text or a screenshot.
 *
 * @param consoleUrl the console's address as IT reaches it ({@code VIGIL_PUBLIC_URL})
 */
public record ItAlertEmail(URI consoleUrl) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK);
    private static final int MAX_NAME = 100;

    /** The subject and body of one batch. */
    public record Message(String subject, String body) {
    }

    /**
     * @param stillOpen problems IT was told of earlier that are not over yet (counted, not listed again)
     * @param zone      the school's time zone, named in the message
     */
    public Message compose(List<ItFinding> findings, int stillOpen, ZoneId zone) {
        long devices = findings.stream().map(f -> f.status().device().id()).distinct().count();
        String subject = "Vigil: " + devices + (devices == 1 ? " device needs" : " devices need") + " IT's attention";
        StringBuilder body = new StringBuilder("Vigil found ").append(findings.size())
                .append(findings.size() == 1 ? " new problem" : " new problems").append(" with school devices.\n\n");
        for (ItFinding finding : findings) {
            var device = finding.status().device();
            body.append("- ").append(oneLine(device.hostname())).append(" (id ").append(device.id())
                    .append(", group ").append(device.group().map(ItAlertEmail::oneLine).orElse("none")).append("): ")
                    .append(finding.what()).append("; since ").append(when(finding.since(), zone)).append('\n');
        }
        if (stillOpen > 0) {
            body.append('\n').append(stillOpen).append(stillOpen == 1 ? " problem" : " problems")
                    .append(" reported earlier ").append(stillOpen == 1 ? "is" : "are").append(" not over yet.\n");
        }
        body.append("\nTimes are ").append(zone.getId()).append(".\n")
                .append("\nSee every device on the devices page (sign-in needed):\n").append(devicesLink()).append('\n')
                .append("\nThis email names devices only, never a capture or anything typed on them.\n");
        return new Message(subject, body.toString());
    }

    static String when(Instant time, ZoneId zone) {
        return TIME.format(time.atZone(zone));
    }

    String devicesLink() {
        String base = consoleUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "devices";
    }

    /** Hostnames and groups come from devices and people: no line breaks or control characters shape the body. */
    static String oneLine(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return cleaned.length() <= MAX_NAME ? cleaned : cleaned.substring(0, MAX_NAME - 1) + "…";
    }
}
