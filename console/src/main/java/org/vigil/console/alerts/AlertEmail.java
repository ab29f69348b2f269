package org.vigil.console.alerts;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import org.vigil.console.settings.SchoolSettings;
import org.vigil.console.store.AlertContent;
import org.vigil.console.store.CaptureFacts;
import org.vigil.console.store.PendingAlert;

/**
 * What an alert email says: category, severity, time, pupil (OS login), device and a link to the capture. Never
 * the typed text, context, window title or screenshot: email is not a safe place for them, and the pending alert
 * does not even carry them.
 *
 * @param consoleUrl the console's address as DSLs reach it ({@code VIGIL_PUBLIC_URL})
 * @param zone       the zone times are shown in (the school's), named in the message
 * @param namesPupil whether the message names the pupil (their computer login); a school may turn it off
 */
public record AlertEmail(URI consoleUrl, ZoneId zone, boolean namesPupil) {
    /** What a message says for the pupil when the school's setting keeps names out of alerts. */
    public static final String PUPIL_NOT_NAMED = "not named (school setting); see Vigil";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss",
            Locale.UK);

    /** Naming the pupil. */
    public AlertEmail(URI consoleUrl, ZoneId zone) {
        this(consoleUrl, zone, true);
    }

    /** As the school's settings say now: its time zone, and whether alerts name the pupil. */
    public static AlertEmail forSchool(URI consoleUrl, SchoolSettings settings) {
        return new AlertEmail(consoleUrl, settings.zone(), settings.pupilNamesInAlerts());
    }

    /** An email ready to send. */
    public record Message(String alertId, String to, String subject, String body) {
    }

    public Message compose(PendingAlert alert) {
        if (alert.content() instanceof AlertContent.Composed composed) {
            return new Message(alert.alertId(), alert.recipient(), oneLine(composed.subject()),
                    composed.body() + "\nAlert id: " + alert.alertId() + "\n");
        }
        AlertContent.AboutCapture about = (AlertContent.AboutCapture) alert.content();
        CaptureFacts facts = about.facts();
        String category = oneLine(facts.category());
        String device = oneLine(facts.hostname());
        String subject = about.headline().map(h -> "Vigil: " + oneLine(h) + ": severity " + facts.severity()
                        + " capture (" + category + ") on " + device)
                .orElse("Vigil: severity " + facts.severity() + " capture (" + category + ") on " + device);
        String body = about.headline().map(h -> oneLine(h) + ".\n\n").orElse("")
                + "A capture of severity " + facts.severity() + " needs a safeguarding lead's attention.\n"
                + "\n"
                + "Category:  " + category + "\n"
                + "Severity:  " + facts.severity() + " of 5\n"
                + "Time:      " + when(facts.occurredAt()) + "\n"
                + "Pupil:     " + pupil(facts) + "\n"
                + "Device:    " + device + "\n"
                + "\n"
                + "Open it in Vigil (sign-in needed):\n"
                + link(facts.captureId()) + "\n"
                + "\n"
                + "What was typed and any screenshot are only in Vigil, never in email.\n"
                + "Alert id: " + alert.alertId() + " (the same id on a repeated email means the same alert)\n";
        return new Message(alert.alertId(), alert.recipient(), subject, body);
    }

    /** The time as a person reads it, with the zone named: "Sunday 29 November 2026, 23:10:36 (Europe/London, GMT)". */
    String when(Instant time) {
        return TIME.format(time.atZone(zone)) + " (" + zone.getId() + ", "
                + zone.getDisplayName(TextStyle.SHORT, Locale.UK) + ")";
    }

    /**
     * The pupil as an alert may name them: the directory's name, year and form with their computer login, or the
     * login alone if the directory does not know it, or that the school keeps names out.
     */
    String pupil(CaptureFacts facts) {
        if (!namesPupil) {
            return PUPIL_NOT_NAMED;
        }
        return facts.pupilName().map(name -> oneLine(name) + " (computer login " + oneLine(facts.osUser()) + ")")
                .orElse(oneLine(facts.osUser()) + " (computer login)");
    }

    /** The pupil's field in a webhook's JSON: the login alone, or that the school keeps names out. */
    String pupilField(CaptureFacts facts) {
        return namesPupil ? oneLine(facts.osUser()) : PUPIL_NOT_NAMED;
    }

    String link(long captureId) {
        String base = consoleUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "captures/" + captureId;
    }

    /** Names come from devices: no line breaks or control characters may reach a header or shape the body. */
    static String oneLine(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return cleaned.length() <= 100 ? cleaned : cleaned.substring(0, 99) + "…";
    }
}
