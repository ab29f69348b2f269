package org.vigil.console.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Supplier;
import org.vigil.console.store.AlertContent;
import org.vigil.console.store.CaptureFacts;
import org.vigil.console.store.PendingAlert;

/**
 * What an alert webhook's JSON body says, in the configured {@link WebhookFormat}: the same facts as the email
 * (alert id, category, severity, time, pupil, device, a link to the capture) and never the typed text, context,
 * window title or screenshot, which the pending alert does not even carry.
 *
 * <p>Teams gets an Adaptive Card in a {@code message} envelope rather than the legacy MessageCard: Microsoft is
 * retiring Office 365 connectors (the only place MessageCard works) for Workflows webhooks, which take Adaptive
 * Cards, and the old incoming-webhook connectors take the same envelope too, so one shape works on both.
 */
public final class WebhookMessage {
    static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

    private final Supplier<AlertEmail> composer;
    private final WebhookFormat format;
    private final ObjectMapper json = new ObjectMapper();

    /** @param facts the email's composer, for its link and time formats (same console URL and zone) */
    public WebhookMessage(AlertEmail facts, WebhookFormat format) {
        this(() -> facts, format);
    }

    /**
     * @param composer the email's composer as the school's settings are when an alert is composed (time zone,
     *                 whether the pupil is named)
     */
    public WebhookMessage(Supplier<AlertEmail> composer, WebhookFormat format) {
        this.composer = composer;
        this.format = format;
    }

    /** The exact bytes to POST (and to sign): UTF-8 JSON. */
    public byte[] body(PendingAlert alert) {
        AlertEmail facts = composer.get();
        ObjectNode root = switch (format) {
            case VIGIL -> vigil(alert, facts);
            case TEAMS -> teams(alert, facts);
            case SLACK -> slack(alert, facts);
        };
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode vigil(PendingAlert alert, AlertEmail facts) {
        ObjectNode root = json.createObjectNode();
        root.put("alertId", alert.alertId());
        root.put("kind", alert.kind().name().toLowerCase(Locale.ROOT));
        if (alert.content() instanceof AlertContent.AboutCapture about) {
            CaptureFacts capture = about.facts();
            about.headline().ifPresent(headline -> root.put("headline", AlertEmail.oneLine(headline)));
            root.put("captureId", capture.captureId());
            root.put("category", AlertEmail.oneLine(capture.category()));
            root.put("severity", capture.severity());
            root.put("occurredAt", capture.occurredAt().toString());
            root.put("pupil", facts.pupilField(capture));
            root.put("device", AlertEmail.oneLine(capture.hostname()));
            root.put("link", facts.link(capture.captureId()));
        } else if (alert.content() instanceof AlertContent.Composed composed) {
            root.put("subject", AlertEmail.oneLine(composed.subject()));
            root.put("text", composed.body());
        }
        return root;
    }

    private ObjectNode slack(PendingAlert alert, AlertEmail facts) {
        StringBuilder text = new StringBuilder("*").append(slackEscape(title(alert, facts))).append("*\n");
        if (alert.content() instanceof AlertContent.AboutCapture about) {
            CaptureFacts capture = about.facts();
            text.append("Category: ").append(slackEscape(AlertEmail.oneLine(capture.category()))).append('\n')
                    .append("Severity: ").append(capture.severity()).append(" of 5\n")
                    .append("Time: ").append(slackEscape(facts.when(capture.occurredAt()))).append('\n')
                    .append("Pupil: ").append(slackEscape(facts.pupil(capture))).append('\n')
                    .append("Device: ").append(slackEscape(AlertEmail.oneLine(capture.hostname()))).append('\n')
                    .append('<').append(facts.link(capture.captureId())).append("|Open it in Vigil> (sign-in needed)\n");
        } else if (alert.content() instanceof AlertContent.Composed composed) {
            text.append(slackEscape(composed.body())).append('\n');
        }
        text.append("Alert id: ").append(alert.alertId());
        ObjectNode root = json.createObjectNode();
        root.put("text", text.toString());
        return root;
    }

    private ObjectNode teams(PendingAlert alert, AlertEmail composer) {
        ObjectNode card = json.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        ObjectNode heading = body.addObject();
        heading.put("type", "TextBlock");
        heading.put("text", title(alert, composer));
        heading.put("weight", "Bolder");
        heading.put("size", "Medium");
        heading.put("wrap", true);
        if (alert.content() instanceof AlertContent.AboutCapture about) {
            CaptureFacts capture = about.facts();
            ObjectNode factSet = body.addObject();
            factSet.put("type", "FactSet");
            ArrayNode facts = factSet.putArray("facts");
            fact(facts, "Category", AlertEmail.oneLine(capture.category()));
            fact(facts, "Severity", capture.severity() + " of 5");
            fact(facts, "Time", composer.when(capture.occurredAt()));
            fact(facts, "Pupil", composer.pupil(capture));
            fact(facts, "Device", AlertEmail.oneLine(capture.hostname()));
            fact(facts, "Alert id", alert.alertId());
            ObjectNode note = body.addObject();
            note.put("type", "TextBlock");
            note.put("text", "What was typed and any screenshot are only in Vigil (sign-in needed).");
            note.put("isSubtle", true);
            note.put("wrap", true);
            ObjectNode open = card.putArray("actions").addObject();
            open.put("type", "Action.OpenUrl");
            open.put("title", "Open it in Vigil");
            open.put("url", composer.link(capture.captureId()));
        } else if (alert.content() instanceof AlertContent.Composed composed) {
            ObjectNode text = body.addObject();
            text.put("type", "TextBlock");
            text.put("text", composed.body() + "\n\nAlert id: " + alert.alertId());
            text.put("wrap", true);
        }

        ObjectNode root = json.createObjectNode();
        root.put("type", "message");
        root.put("summary", title(alert, composer));
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", ADAPTIVE_CARD);
        attachment.set("content", card);
        return root;
    }

    private static void fact(ArrayNode facts, String title, String value) {
        ObjectNode fact = facts.addObject();
        fact.put("title", title);
        fact.put("value", value);
    }

    /** The same subject line as the email's. */
    private static String title(PendingAlert alert, AlertEmail facts) {
        return facts.compose(alert).subject();
    }

    /** Slack's three control characters in message text. */
    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
