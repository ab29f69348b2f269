package org.vigil.wordlists.eval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a corpus in the format of ../shared/eval/dev-corpus.tsv: a header line, then {@code expected<TAB>text} per
 * line, where {@code expected} is {@code none} or category ids joined by {@code |}. A malformed line is refused
 * with its number; nothing is skipped silently.
 */
public final class EvalCorpus {
    static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{0,40}");

    private EvalCorpus() {
    }

    public static List<Example> read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not valid UTF-8", e);
        }
        return parse(file.toString(), content);
    }

    static List<Example> parse(String name, String content) throws IOException {
        List<String> lines = content.lines().toList();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("expected\t"))) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IOException(name + ":" + (i + 1) + ": expected 'categories<TAB>text'");
            }
            examples.add(new Example(i + 1, categories(name, i + 1, line.substring(0, tab).strip()),
                    line.substring(tab + 1)));
        }
        return examples;
    }

    private static Set<String> categories(String name, int line, String field) throws IOException {
        if (field.equals("none")) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>(Arrays.asList(field.split("\\|", -1)));
        for (String id : ids) {
            if (!CATEGORY.matcher(id).matches()) {
                throw new IOException(name + ":" + line + ": '" + id + "' is not a category id (or 'none')");
            }
        }
        return ids;
    }
}
