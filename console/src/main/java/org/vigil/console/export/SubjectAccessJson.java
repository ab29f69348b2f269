package org.vigil.console.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.vigil.console.export.PupilRecords.PupilCapture;
import org.vigil.console.store.AuditLog.AuditEntry;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureAlertRecord;
import org.vigil.console.store.Justification;
import org.vigil.console.store.Note;
import org.vigil.console.store.ScreenshotRef;
import org.vigil.console.store.SubjectAccessRepository.NoticeShownToPupil;

/** The machine-readable half of a subject access export: {@code records.json}, times in ISO-8601 UTC. */
final class SubjectAccessJson {
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SubjectAccessJson() {
    }

    static byte[] of(PupilRecords records) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "vigil-subject-access");
        root.put("formatVersion", FORMAT_VERSION);
        root.put("pupil", records.login());
        records.directory().ifPresent(pupil -> {
            ObjectNode entry = root.putObject("directory");
            entry.put("login", pupil.login());
            entry.put("givenName", pupil.details().givenName());
            entry.put("familyName", pupil.details().familyName());
            entry.put("yearGroup", pupil.details().yearGroup());
            entry.put("form", pupil.details().form());
            entry.put("childProtectionPlan", pupil.flags().childProtectionPlan());
            entry.put("lookedAfter", pupil.flags().lookedAfter());
            entry.put("send", pupil.flags().send());
            entry.put("source", pupil.source());
            pupil.leftAt().ifPresent(left -> entry.put("leftAt", left.toString()));
            ArrayNode logins = entry.putArray("logins");
            records.linkedLogins().forEach(logins::add);
        });
        root.put("exportedAt", records.exportedAt().toString());
        root.put("exportedBy", records.exportedBy());
        root.put("request", records.request());
        ArrayNode captures = root.putArray("captures");
        for (PupilCapture item : records.captures()) {
            captures.add(capture(item));
        }
        ArrayNode alerts = root.putArray("alerts");
        for (CaptureAlertRecord alert : records.alerts()) {
            ObjectNode node = alerts.addObject();
            node.put("captureId", alert.captureId());
            node.put("kind", alert.kind());
            node.put("channel", alert.channel());
            node.put("recipient", alert.recipient());
            node.put("createdAt", alert.createdAt().toString());
            node.put("attempts", alert.attempts());
            node.put("deliveredAt", alert.deliveredAt().map(Instant::toString).orElse(null));
            node.put("lastError", alert.lastError().orElse(null));
        }
        ArrayNode audit = root.putArray("auditEntries");
        for (AuditEntry entry : records.audit()) {
            ObjectNode node = audit.addObject();
            node.put("id", entry.id());
            node.put("occurredAt", entry.occurredAt().toString());
            node.put("actor", entry.actor());
            node.put("action", entry.action());
            node.put("target", entry.target());
            node.put("detail", entry.detail());
        }
        ArrayNode notices = root.putArray("signInNoticesShown");
        for (NoticeShownToPupil notice : records.notices()) {
            ObjectNode node = notices.addObject();
            node.put("deviceId", notice.deviceId());
            node.put("shownAt", notice.shownAt().toString());
            node.put("shownAs", notice.shownAs());
        }
        return MAPPER.writeValueAsBytes(root);
    }

    private static ObjectNode capture(PupilCapture item) {
        Capture c = item.capture();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", c.id());
        node.put("occurredAt", c.occurredAt().toString());
        node.put("receivedAt", c.receivedAt().toString());
        node.put("deviceId", c.deviceId());
        node.put("deviceHostname", c.deviceHostname());
        node.put("windowTitle", c.windowTitle());
        node.put("app", c.app());
        node.put("category", c.category());
        node.put("severity", c.severity());
        node.put("rule", c.ruleId());
        node.put("explanation", c.explanation());
        node.put("matchedText", c.matchedText());
        node.put("context", c.context());
        node.put("matchStart", c.matchStart());
        node.put("matchEnd", c.matchEnd());
        node.put("status", c.status());
        node.put("screenshotFile", item.screenshotFile().orElse(null));
        node.put("screenshotSha256", c.screenshot().map(ScreenshotRef::sha256).orElse(null));
        ObjectNode outcome = item.closure().map(closure -> {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("outcome", closure.outcome().label());
            o.put("escalatedTo", closure.escalatedTo());
            o.put("closedBy", closure.closedBy());
            o.put("closedAt", closure.closedAt().toString());
            return o;
        }).orElse(null);
        node.set("outcome", outcome);
        ArrayNode notes = node.putArray("notes");
        for (Note note : item.notes()) {
            ObjectNode n = notes.addObject();
            n.put("author", note.author());
            n.put("createdAt", note.createdAt().toString());
            n.put("body", note.body());
        }
        ArrayNode reasons = node.putArray("screenshotViewingReasons");
        for (Justification reason : item.justifications()) {
            ObjectNode r = reasons.addObject();
            r.put("username", reason.username());
            r.put("createdAt", reason.createdAt().toString());
            r.put("text", reason.text());
        }
        return node;
    }
}
