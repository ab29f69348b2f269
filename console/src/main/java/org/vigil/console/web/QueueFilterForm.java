package org.vigil.console.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.QueueFilter;

/**
 * The queue's filter as the form sends it (to fill the form back in and to build links), and its meaning.
 * {@code status} is a status name, {@code ALL} or {@code MINE} (the signed-in DSL's open captures); it defaults to
 * {@code NEW}, the work still to do. {@code school} (a code) narrows a trust-level DSL's queue to one of their schools
 * ({@link RequestScope}).
 */
public record QueueFilterForm(String status, String category, String minSeverity, String pupil, String device,
                              String from, String until, String yearGroup, String form, String school) {
    public static final String ALL = "ALL";
    public static final String MINE = "MINE";

    public static QueueFilterForm from(Context ctx) {
        return new QueueFilterForm(value(ctx, "status", CaptureStatus.NEW.name()), value(ctx, "category", ""),
                value(ctx, "severity", ""), value(ctx, "pupil", ""), value(ctx, "device", ""), value(ctx, "from", ""),
                value(ctx, "until", ""), value(ctx, "year", ""), value(ctx, "form", ""), value(ctx, "school", ""));
    }

    private static String value(Context ctx, String name, String fallback) {
        return Params.nonBlank(ctx.queryParam(name)).orElse(fallback);
    }

    /**
     * The filter this form means for the signed-in user; dates are whole days in the console's time zone,
     * {@code until} inclusive.
     */
    public QueueFilter toFilter(long signedInUserId) {
        boolean mine = status.equals(MINE);
        Optional<CaptureStatus> parsedStatus = status.equals(ALL) || mine ? Optional.empty() : Optional.of(
                CaptureStatus.parse(status).orElseThrow(() -> new InvalidRequest("Unknown status " + status + ".")));
        Optional<Integer> severity = Params.nonBlank(minSeverity).map(s -> {
            if (!s.matches("[1-5]")) {
                throw new InvalidRequest("Severity is a number from 1 to 5.");
            }
            return Integer.parseInt(s);
        });
        Optional<Long> fromMillis = date(from, "From").map(d -> startOf(d));
        Optional<Long> untilMillis = date(until, "Until").map(d -> startOf(d.plusDays(1)));
        return new QueueFilter(parsedStatus, Params.nonBlank(category), severity, Params.nonBlank(pupil),
                Params.nonBlank(device), fromMillis, untilMillis,
                mine ? Optional.of(signedInUserId) : Optional.empty(), Params.nonBlank(yearGroup),
                Params.nonBlank(form));
    }

    public QueueFilterForm withStatus(String newStatus) {
        return new QueueFilterForm(newStatus, category, minSeverity, pupil, device, from, until, yearGroup, form,
                school);
    }

    /** The query string for this filter, e.g. {@code status=NEW&category=drugs}. */
    public String query() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("status", status);
        values.put("category", category);
        values.put("severity", minSeverity);
        values.put("pupil", pupil);
        values.put("device", device);
        values.put("from", from);
        values.put("until", until);
        values.put("year", yearGroup);
        values.put("form", form);
        values.put("school", school);
        return values.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public String href() {
        return "/captures?" + query();
    }

    /** Whether every new capture belongs in this view (it shows New or All, with no other filter). */
    public boolean takesEveryNewCapture() {
        return (status.equals(ALL) || status.equals(CaptureStatus.NEW.name())) && category.isEmpty()
                && minSeverity.isEmpty() && pupil.isEmpty() && device.isEmpty() && from.isEmpty() && until.isEmpty()
                && yearGroup.isEmpty() && form.isEmpty() && school.isEmpty();
    }

    public boolean isStatus(String name) {
        return status.equals(name);
    }

    private static Optional<LocalDate> date(String text, String label) {
        try {
            return Params.nonBlank(text).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(label + " must be a date like 2026-01-31.");
        }
    }

    private static long startOf(LocalDate date) {
        return date.atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }
}
