package org.vigil.console.alerts.digest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.console.store.CaptureFacts;

/**
 * The text of one DSL's morning digest: how many captures by category and severity, then each with its time,
 * severity, category, pupil login (unless the school keeps pupils' names out of alerts), device and link. Never
 * the typed text, context, window title or screenshot: the facts it is given do not carry them.
 */
public record DigestEmail(URI consoleUrl, ZoneId zone, boolean pupilNames) {
    static final int MAX_LISTED = 200;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK);

    public record Text(String subject, String body) {
    }

    public Text compose(LocalDate date, Instant from, Instant until, List<CaptureFacts> captures) {
        String subject = "Vigil: morning digest, " + captures.size() + (captures.size() == 1 ? " capture" : " captures")
                + " (" + DAY.format(date) + ")";
        StringBuilder body = new StringBuilder();
        body.append("Captures your school's rules put in the digest, stored from ").append(time(from)).append(" to ")
                .append(time(until)).append(" (").append(zone.getId()).append(").\n\n");
        body.append("By category and severity:\n");
        Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
        captures.forEach(c -> counts.computeIfAbsent(oneLine(c.category()), k -> new TreeMap<>())
                .merge(c.severity(), 1, Integer::sum));
        counts.forEach((category, bySeverity) -> {
            body.append("  ").append(category).append(":");
            bySeverity.forEach((severity, n) -> body.append("  severity ").append(severity).append(": ").append(n));
            body.append('\n');
        });
        body.append("\nEach capture (time, severity, category, ").append(pupilNames ? "pupil, " : "")
                .append("device):\n");
        captures.stream().limit(MAX_LISTED).forEach(c -> body.append("  ").append(time(c.occurredAt()))
                .append("  severity ").append(c.severity()).append("  ").append(oneLine(c.category()))
                .append(pupilNames ? "  " + oneLine(c.osUser()) : "").append("  ").append(oneLine(c.hostname()))
                .append("  ").append(link("captures/" + c.captureId())).append('\n'));
        if (captures.size() > MAX_LISTED) {
            body.append("  … and ").append(captures.size() - MAX_LISTED).append(" more in the queue.\n");
        }
        body.append("\nThe queue (sign-in needed): ").append(link("captures")).append('\n')
                .append("What was typed and any screenshot are only in Vigil, never in email.\n");
        return new Text(subject, body.toString());
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    private String link(String path) {
        String base = consoleUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    /** Names come from devices: no control characters may shape the message. */
    static String oneLine(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return cleaned.length() <= 100 ? cleaned : cleaned.substring(0, 99) + "…";
    }
}
