package org.vigil.console.holds;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.LegalHold;
import org.vigil.console.store.LegalHoldRepository;
import org.vigil.console.store.Note;
import org.vigil.console.store.TriageRepository;

/**
 * The evidence a hold keeps, as one zip for the police (ADR 0142): for each capture it covers, its record (times,
 * pupil, device, window, rule, the typed context), its notes and its screenshot, and {@code manifest-sha256.txt}
 * in {@code sha256sum} format so the recipient can check every file with {@code sha256sum -c}. Screenshots are
 * images of pupils: the export needs a justification, and it is audited with it.
 */
public final class HeldEvidence {
    private final LegalHoldRepository holds;
    private final CaptureRepository captures;
    private final TriageRepository triage;
    private final ScreenshotStore screenshots;
    private final AuditLog audit;

    public HeldEvidence(LegalHoldRepository holds, CaptureRepository captures, TriageRepository triage,
                        ScreenshotStore screenshots, AuditLog audit) {
        this.holds = holds;
        this.captures = captures;
        this.triage = triage;
        this.screenshots = screenshots;
        this.audit = audit;
    }

    /** Writes the zip of a hold in force; returns how many captures it holds. */
    public int export(String actor, long holdId, String justification, OutputStream out) throws IOException {
        LegalHold hold = holds.find(holdId).filter(LegalHold::inForce)
                .orElseThrow(() -> new InvalidRequest("There is no hold " + holdId + " in force."));
        String why = justification == null ? "" : justification.strip();
        if (why.isEmpty()) {
            throw new InvalidRequest("Give the justification for exporting this evidence (it includes screenshots"
                    + " of pupils' screens).");
        }
        List<Long> ids = holds.capturesCoveredBy(holdId);
        audit.record(actor, "hold.export", "hold:" + holdId, ids.size() + " captures: " + why);
        List<String> manifest = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            add(zip, manifest, "hold.txt", "Legal hold " + hold.id() + " on " + hold.describeTarget() + "\nplaced by "
                    + hold.placedBy() + " at " + hold.placedAt() + "\nreason: " + hold.reason() + "\nexported by "
                    + actor + ": " + why + "\n");
            for (long id : ids) {
                Capture capture = captures.find(id).orElseThrow();
                String folder = "capture-" + id + "/";
                add(zip, manifest, folder + "record.txt", record(capture));
                add(zip, manifest, folder + "notes.txt", notes(triage.notes(id)));
                if (capture.screenshot().isPresent()) {
                    String media = capture.screenshot().get().mediaType();
                    byte[] image = screenshots.get(capture.screenshot().get().sha256(), media).orElseThrow(() ->
                            new IOException("the screenshot file of capture " + id + " is missing"));
                    add(zip, manifest, folder + "screenshot." + (media.equals("image/png") ? "png" : "jpg"), image);
                }
            }
            zip.putNextEntry(new ZipEntry("manifest-sha256.txt"));
            zip.write(String.join("", manifest).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return ids.size();
    }

    private static String record(Capture capture) {
        return "capture " + capture.id() + "\noccurred at: " + capture.occurredAt() + "\nreceived at: "
                + capture.receivedAt() + "\npupil (OS login): " + capture.osUser() + "\ndevice: "
                + capture.deviceHostname() + " (" + capture.deviceId() + ")\nwindow: " + capture.windowTitle()
                + "\napp: " + capture.app() + "\ncategory: " + capture.category() + ", severity "
                + capture.severity() + "\nrule: " + capture.ruleId() + "\nwhy it matched: " + capture.explanation()
                + "\nmatched: " + capture.matchedText() + "\ncontext: " + capture.context() + "\nstatus: "
                + capture.status() + "\n";
    }

    private static String notes(List<Note> notes) {
        StringBuilder out = new StringBuilder();
        for (Note note : notes) {
            out.append(note.createdAt()).append(' ').append(note.author()).append(": ").append(note.body())
                    .append('\n');
        }
        return out.isEmpty() ? "(no notes)\n" : out.toString();
    }

    private static void add(ZipOutputStream zip, List<String> manifest, String name, String text) throws IOException {
        add(zip, manifest, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(ZipOutputStream zip, List<String> manifest, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
        manifest.add(Hashes.sha256Hex(data) + "  " + name + "\n");
    }
}
