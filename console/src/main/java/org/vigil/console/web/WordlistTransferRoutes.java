package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.vigil.console.auth.Session;
import org.vigil.console.policy.NoSuchVersion;
import org.vigil.console.policy.Policies;
import org.vigil.console.terms.WordlistCsv;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;
import org.vigil.wordlists.WordlistProblems;

/**
 * Import and export of the wordlists. Import (multipart): one or more {@code category.txt} files or one CSV file;
 * the named categories are replaced, the others kept unless "replace the whole policy" is ticked, group files are
 * never touched (see {@link Policies#importFiles(Map, boolean, String, Optional)}). Anything wrong (a file's
 * encoding, a line, the size) refuses the whole upload with every problem listed and changes nothing. Export: a
 * version (default the one in force) as a zip of its files or as CSV, audit-logged as {@code policy.export}.
 */
final class WordlistTransferRoutes {
    static final long MAX_UPLOAD_BYTES = 2L * 1024 * 1024;
    static final int MAX_FILES = 50;

    private final Policies policies;
    private final WebAuth auth;
    private final WordlistPage page;
    private final Templates templates;
    private final WordlistRoutes wordlists;

    WordlistTransferRoutes(Policies policies, WebAuth auth, WordlistPage page, Templates templates,
                           WordlistRoutes wordlists) {
        this.policies = policies;
        this.auth = auth;
        this.page = page;
        this.templates = templates;
        this.wordlists = wordlists;
    }

    void register(RoutesConfig routes) {
        routes.get("/wordlists/export.zip", auth.page(WordlistRoutes.ROLES, this::exportZip));
        routes.get("/wordlists/export.csv", auth.page(WordlistRoutes.ROLES, this::exportCsv));
        Handler importForm = auth.form(WordlistRoutes.ROLES, this::importFiles);
        routes.post("/wordlists/import", ctx -> {
            // Checked before anything reads the body: the CSRF check would otherwise parse an oversize upload.
            if (ctx.contentLength() < 0 || ctx.contentLength() > MAX_UPLOAD_BYTES) {
                refuseSize(ctx);
            } else {
                importForm.handle(ctx);
            }
        });
    }

    private void refuseSize(Context ctx) {
        ctx.status(413);
        PageHeader header = auth.session(ctx).map(session -> PageHeader.signedIn("Upload too large", session))
                .orElse(PageHeader.anonymous("Upload too large"));
        templates.render(ctx, "message.jte", new MessagePage(header, "Upload too large",
                "An import may be at most " + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB in all (and must say its"
                        + " length). Nothing changed."));
    }

    private void importFiles(Context ctx, Session session) throws IOException {
        WordlistView view = WordlistView.plain();
        boolean replaceAll = "on".equals(ctx.formParam("replace"));
        Refusals.showOn(ctx, refused -> page.render(ctx, session, view.withError("Not imported, nothing changed: "
                + refused.getMessage() + ".")));
        try {
            Map<String, String> files = categoryFiles(ctx.uploadedFiles("files"));
            Policies.Outcome outcome = policies.importFiles(wordlists.base(ctx), files, replaceAll,
                    session.username(), Params.nonBlank(ctx.formParam("reason")));
            String names = String.join(", ", files.keySet().stream()
                    .map(file -> file.substring(0, file.length() - ".txt".length())).toList());
            page.render(ctx, session, view.withNotice("Imported " + files.size() + " categor"
                    + (files.size() == 1 ? "y" : "ies") + " (" + names + ")"
                    + (replaceAll ? ", replacing the whole policy. " : "; other categories kept. ")
                    + WordlistRoutes.published(outcome)));
        } catch (WordlistFormatException e) {
            ctx.status(400);
            page.render(ctx, session, view.refused("Not imported, nothing changed", e));
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            page.render(ctx, session, view.withError("Not imported, nothing changed: " + e.getMessage()));
        }
    }

    /** The uploads as category files: .txt files as they are, one CSV converted; every problem collected. */
    private static Map<String, String> categoryFiles(List<UploadedFile> uploads) throws IOException {
        if (uploads.isEmpty()) {
            throw new IllegalArgumentException("choose one or more .txt category files or one .csv file");
        }
        if (uploads.size() > MAX_FILES) {
            throw new IllegalArgumentException("at most " + MAX_FILES + " files at once");
        }
        long csvFiles = uploads.stream().filter(upload -> isCsv(name(upload))).count();
        if (csvFiles > 0 && uploads.size() > 1) {
            throw new IllegalArgumentException("upload either .txt category files or one .csv file, not both");
        }
        WordlistProblems.Collector problems = new WordlistProblems.Collector();
        Map<String, String> files = new TreeMap<>();
        for (UploadedFile upload : uploads) {
            String name = name(upload);
            try {
                String text = WordlistBundle.decodeFile(name, read(upload));
                if (isCsv(name)) {
                    files.putAll(WordlistCsv.read(name, text));
                } else if (!name.toLowerCase(Locale.ROOT).endsWith(".txt")) {
                    problems.add(new WordlistFormatException(name, 0, "not a .txt category file nor a .csv file"));
                } else if (files.putIfAbsent(name, text) != null) {
                    problems.add(new WordlistFormatException(name, 0, "the same file name is uploaded twice"));
                }
            } catch (WordlistFormatException e) {
                problems.add(e);
            }
        }
        problems.throwIfAny();
        return files;
    }

    private static byte[] read(UploadedFile upload) throws IOException {
        try (InputStream in = upload.content()) {
            byte[] bytes = in.readNBytes((int) MAX_UPLOAD_BYTES + 1);
            if (bytes.length > MAX_UPLOAD_BYTES) {
                throw new WordlistFormatException(name(upload), 0, "the file is too large");
            }
            return bytes;
        }
    }

    /** The file's own name, without any folder a browser or a crafted request put before it. */
    private static String name(UploadedFile upload) {
        String name = upload.filename() == null ? "" : upload.filename();
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    private static boolean isCsv(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private void exportZip(Context ctx, Session session) throws IOException {
        Optional<WordlistBundle> bundle = exported(ctx, session, "zip");
        if (bundle.isEmpty()) {
            return;
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> file : bundle.get().files().entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        download(ctx, "application/zip", fileName(bundle.get(), "zip"), zip.toByteArray());
    }

    private void exportCsv(Context ctx, Session session) {
        exported(ctx, session, "csv").ifPresent(bundle -> download(ctx, "text/csv; charset=utf-8",
                fileName(bundle, "csv"), WordlistCsv.write(bundle.categoryFiles().files())
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<WordlistBundle> exported(Context ctx, Session session, String format) {
        String version = Params.nonBlank(ctx.queryParam("version"))
                .orElseGet(() -> policies.current().change().version());
        try {
            return Optional.of(policies.export(version, session.username(), format));
        } catch (NoSuchVersion e) {
            ctx.status(404);
            page.render(ctx, session, WordlistView.plain().withError(e.getMessage()));
            return Optional.empty();
        }
    }

    private static String fileName(WordlistBundle bundle, String extension) {
        return "vigil-wordlists-" + bundle.version().substring(0, 12) + "." + extension;
    }

    private static void download(Context ctx, String type, String fileName, byte[] bytes) {
        ctx.contentType(type);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        ctx.result(bytes);
    }
}
