package org.vigil.console.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
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

    private final AlertEmail facts;
    private final WebhookFormat format;
    private final ObjectMapper json = new ObjectMapper();

    /** @param facts the email's composer, for its link and time formats (same console URL and zone) */
    public WebhookMessage(AlertEmail facts, WebhookFormat format) {
        this.facts = facts;
        this.format = format;
    }

    /** The exact bytes to POST (and to sign): UTF-8 JSON. */
    public byte[] body(PendingAlert alert) {
        ObjectNode root = switch (format) {
            case VIGIL -> vigil(alert);
            case TEAMS -> teams(alert);
            case SLACK -> slack(alert);
        };
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode vigil(PendingAlert alert) {
        ObjectNode root = json.createObjectNode();
        root.put("alertId", alert.alertId());
        root.put("captureId", alert.captureId());
        root.put("category", AlertEmail.oneLine(alert.category()));
        root.put("severity", alert.severity());
        root.put("occurredAt", alert.occurredAt().toString());
        root.put("pupil", AlertEmail.oneLine(alert.osUser()));
        root.put("device", AlertEmail.oneLine(alert.hostname()));
        root.put("link", facts.link(alert.captureId()));
        return root;
    }

    private ObjectNode slack(PendingAlert alert) {
        String text = "*" + slackEscape(title(alert)) + "*\n"
                + "Category: " + slackEscape(AlertEmail.oneLine(alert.category())) + "\n"
                + "Severity: " + alert.severity() + " of 5\n"
                + "Time: " + slackEscape(facts.when(alert.occurredAt())) + "\n"
                + "Pupil: " + slackEscape(AlertEmail.oneLine(alert.osUser())) + " (computer login)\n"
                + "Device: " + slackEscape(AlertEmail.oneLine(alert.hostname())) + "\n"
                + "<" + facts.link(alert.captureId()) + "|Open it in Vigil> (sign-in needed)\n"
                + "Alert id: " + alert.alertId();
        ObjectNode root = json.createObjectNode();
        root.put("text", text);
        return root;
    }

    private ObjectNode teams(PendingAlert alert) {
        ObjectNode card = json.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        ObjectNode heading = body.addObject();
        heading.put("type", "TextBlock");
        heading.put("text", title(alert));
        heading.put("weight", "Bolder");
        heading.put("size", "Medium");
        heading.put("wrap", true);
        ObjectNode factSet = body.addObject();
        factSet.put("type", "FactSet");
        ArrayNode facts = factSet.putArray("facts");
        fact(facts, "Category", AlertEmail.oneLine(alert.category()));
        fact(facts, "Severity", alert.severity() + " of 5");
        fact(facts, "Time", this.facts.when(alert.occurredAt()));
        fact(facts, "Pupil", AlertEmail.oneLine(alert.osUser()) + " (computer login)");
        fact(facts, "Device", AlertEmail.oneLine(alert.hostname()));
        fact(facts, "Alert id", alert.alertId());
        ObjectNode note = body.addObject();
        note.put("type", "TextBlock");
        note.put("text", "What was typed and any screenshot are only in Vigil (sign-in needed).");
        note.put("isSubtle", true);
        note.put("wrap", true);
        ObjectNode open = card.putArray("actions").addObject();
        open.put("type", "Action.OpenUrl");
        open.put("title", "Open it in Vigil");
        open.put("url", this.facts.link(alert.captureId()));

        ObjectNode root = json.createObjectNode();
        root.put("type", "message");
        root.put("summary", title(alert));
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

    private static String title(PendingAlert alert) {
        return "Vigil: severity " + alert.severity() + " capture (" + AlertEmail.oneLine(alert.category()) + ") on "
                + AlertEmail.oneLine(alert.hostname());
    }

    /** Slack's three control characters in message text. */
    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
