package org.vigil.wordlists.eval.corpora;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the public labelled data sets found in a folder into eval corpora ({@code expected<TAB>text}): for each, a
 * development part and a held-out part ({@link Split}), and {@code SOURCES.md} saying where each came from, its
 * version, licence, label mapping, the input's SHA-256 and the counts. Repeated texts are kept once; a text labelled
 * both ways is dropped; so is a line left empty. A malformed record stops the run with its file and line number
 * before anything is written, so the output folder is left as it was.
 */
public final class PrepareCorpora {
    static final long MAX_BYTES = 256L * 1024 * 1024;

    /** What was written for one data set. */
    record Prepared(DataSet dataSet, String inputSha256, int records, int kept, int duplicates,
                           int conflicting, int empty, Map<Split, Map<String, Integer>> labels,
                           Map<Split, String> parts) {

        public String id() {
            return dataSet.id();
        }

        int lines(Split part) {
            return labels.get(part).values().stream().mapToInt(Integer::intValue).sum();
        }

        String summary() {
            return String.format(Locale.ROOT, "%s: %d records, %d kept (%d repeated, %d labelled both ways, %d empty "
                            + "dropped); dev %d %s, held out %d %s", id(), records, kept, duplicates, conflicting, empty,
                    lines(Split.DEV), labels.get(Split.DEV), lines(Split.HELD_OUT), labels.get(Split.HELD_OUT));
        }
    }

    private PrepareCorpora() {
    }

    /** Prepares every known data set whose file is in {@code from}; fails when none is. */
    public static List<String> run(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IOException(from + ": not a folder");
        }
        List<Prepared> prepared = new ArrayList<>();
        List<String> report = new ArrayList<>();
        for (DataSet dataSet : DataSet.known()) {
            Path file = from.resolve(dataSet.file());
            if (!Files.isRegularFile(file)) {
                report.add(dataSet.id() + ": skipped, no " + dataSet.file() + " in " + from);
                continue;
            }
            prepared.add(prepare(dataSet, file));
            report.add(prepared.get(prepared.size() - 1).summary());
        }
        if (prepared.isEmpty()) {
            throw new IOException("none of the known data sets is in " + from + " (looked for "
                    + DataSet.known().stream().map(DataSet::file).distinct().toList() + ")");
        }
        Files.createDirectories(to);
        for (Prepared p : prepared) {
            for (Split part : Split.values()) {
                writeAtomically(to.resolve(p.id() + "-" + part.suffix + ".tsv"), p.parts().get(part));
            }
        }
        writeAtomically(to.resolve("SOURCES.md"), sources(prepared));
        return report;
    }

    static Prepared prepare(DataSet dataSet, Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        byte[] bytes = Files.readAllBytes(file);
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8", e);
        }
        List<LabelledLine> lines = dataSet.converter().convert(file.getFileName().toString(), content);
        Map<String, String> labelOf = new LinkedHashMap<>();
        Map<String, Boolean> conflicted = new LinkedHashMap<>();
        int duplicates = 0;
        int empty = 0;
        for (LabelledLine line : lines) {
            String text = CleanText.of(line.text());
            if (text.isEmpty()) {
                empty++;
                continue;
            }
            String before = labelOf.putIfAbsent(text, line.expected());
            if (before != null) {
                duplicates++;
                if (!before.equals(line.expected())) {
                    conflicted.put(text, true);
                }
            }
        }
        conflicted.keySet().forEach(labelOf::remove);
        Map<Split, StringBuilder> parts = new EnumMap<>(Split.class);
        Map<Split, Map<String, Integer>> labels = new EnumMap<>(Split.class);
        for (Split part : Split.values()) {
            parts.put(part, new StringBuilder("expected\ttext\n"));
            labels.put(part, new TreeMap<>());
        }
        labelOf.forEach((text, label) -> {
            Split part = Split.of(text);
            parts.get(part).append(label).append('\t').append(text).append('\n');
            labels.get(part).merge(label, 1, Integer::sum);
        });
        Map<Split, String> contents = new EnumMap<>(Split.class);
        parts.forEach((part, text) -> contents.put(part, text.toString()));
        return new Prepared(dataSet, HexFormat.of().formatHex(Split.sha256(bytes)), lines.size(), labelOf.size(),
                duplicates, conflicted.size(), empty, labels, contents);
    }

    private static String sources(List<Prepared> prepared) {
        StringBuilder out = new StringBuilder("# Eval corpora prepared from public data sets\n\n"
                + "Written by `java -jar vigil-wordlists.jar prepare-corpora` (wordlists/eval/README.md). Do not commit "
                + "these files: the data stays outside the project.\n");
        for (Prepared p : prepared) {
            DataSet d = p.dataSet();
            out.append("\n## ").append(d.id()).append("\n")
                    .append("- data set: ").append(d.title()).append('\n')
                    .append("- source: ").append(d.source()).append('\n')
                    .append("- version: ").append(d.version()).append('\n')
                    .append("- licence: ").append(d.licence()).append('\n')
                    .append("- labels: ").append(d.mapping()).append('\n')
                    .append("- input: ").append(d.file()).append(", SHA-256 ").append(p.inputSha256()).append('\n')
                    .append("- split: by SHA-256 of the cleaned text, 7 in 10 to ").append(d.id())
                    .append("-dev.tsv, 3 in 10 to ").append(d.id()).append("-heldout.tsv\n")
                    .append("- counts: ").append(p.summary()).append('\n');
        }
        return out.toString();
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".prepare-", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
