package org.vigil.console.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.vigil.console.export.PupilRecords.PupilCapture;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.PupilRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.ScreenshotRef;
import org.vigil.console.store.SubjectAccessRepository;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.triage.Triage;

/**
 * A subject access request (UK GDPR art. 15; issue 14, ADR 0143): everything Vigil holds about one pupil, by their
 * OS login, as one zip: {@code summary.pdf} for people, {@code records.json} for machines, the screenshots under
 * {@code screenshots/}, and {@code manifest-sha256.txt} ({@code sha256sum -c}). The DSL says whose request it is
 * answering; the export is audited with who, for whom and that request.
 */
public final class SubjectAccessExport {
    private final SubjectAccessRepository store;
    private final CaptureRepository captures;
    private final TriageRepository triageStore;
    private final Triage triage;
    private final ScreenshotStore screenshots;
    private final AuditLog audit;
    private final Clock clock;
    private final PupilRepository directory;

    public SubjectAccessExport(SubjectAccessRepository store, CaptureRepository captures, TriageRepository triageStore,
                               Triage triage, ScreenshotStore screenshots, AuditLog audit, Clock clock,
                               PupilRepository directory) {
        this.directory = directory;
        this.store = store;
        this.captures = captures;
        this.triageStore = triageStore;
        this.triage = triage;
        this.screenshots = screenshots;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Writes the zip of the login's pupil at one school ({@code school}: that school alone, ADR 0206; a one-school
     * console's {@link SchoolScope#ONE_SCHOOL_CONSOLE}); returns what went in.
     */
    public SubjectAccessSummary export(String actor, String login, SchoolScope school, String request,
                                       OutputStream out) throws IOException {
        String pupil = login == null ? "" : login.strip();
        if (pupil.isEmpty()) {
            throw new InvalidRequest("Whose data? Give the pupil's login.");
        }
        String why = request == null ? "" : request.strip();
        if (why.isEmpty()) {
            throw new InvalidRequest("Say whose request this answers and when it was made (it is kept in the audit"
                    + " log with the export).");
        }
        List<Long> ids = store.captureIds(pupil, school);
        audit.record(actor, "pupil.subject-access", "pupil:" + pupil, ids.size() + " captures"
                + (school.wholeConsole() ? "" : " of " + school.describe()) + ": " + why,
                school.wholeConsole() ? Set.of() : school.schoolIds());
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<PupilCapture> items = new ArrayList<>();
        for (long id : ids) {
            Optional<Capture> found = captures.find(id);
            if (found.isEmpty()) {
                continue; // deleted by retention or delete-now since the ids were read
            }
            Capture capture = found.get();
            Optional<String> file = screenshot(capture).map(image -> {
                String name = "screenshots/capture-" + id + extension(capture.screenshot().orElseThrow());
                files.put(name, image);
                return name;
            });
            items.add(new PupilCapture(capture, triage.closure(id), triageStore.notes(id), triage.justifications(id),
                    file));
        }
        PupilRecords records = new PupilRecords(pupil, actor, why, clock.instant(), items, store.alerts(pupil, school),
                store.auditEntries(pupil, school), store.noticesShown(pupil, school),
                directory.forLogin(school, pupil).stream().findFirst(), store.linkedLogins(pupil, school));
        List<String> manifest = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            add(zip, manifest, "summary.pdf", SubjectAccessPdf.of(records));
            add(zip, manifest, "records.json", SubjectAccessJson.of(records));
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                add(zip, manifest, file.getKey(), file.getValue());
            }
            zip.putNextEntry(new ZipEntry("manifest-sha256.txt"));
            zip.write(String.join("", manifest).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return new SubjectAccessSummary(items.size(), files.size(), records.alerts().size(), records.audit().size());
    }

    private Optional<byte[]> screenshot(Capture capture) {
        if (capture.screenshot().isEmpty()) {
            return Optional.empty();
        }
        ScreenshotRef ref = capture.screenshot().get();
        return screenshots.get(ref.sha256(), ref.mediaType());
    }

    private static String extension(ScreenshotRef ref) {
        return ref.mediaType().equals("image/png") ? ".png" : ".jpg";
    }

    private static void add(ZipOutputStream zip, List<String> manifest, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
        manifest.add(Hashes.sha256Hex(data) + "  " + name + "\n");
    }

    /** What a subject access export held. */
    public record SubjectAccessSummary(int captures, int screenshots, int alerts, int auditEntries) {
    }
}
