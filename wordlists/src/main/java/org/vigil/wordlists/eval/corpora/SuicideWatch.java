package org.vigil.wordlists.eval.corpora;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Suicide_Detection.csv} of Komati's "Suicide and Depression Detection" (Reddit posts): columns
 * {@code "",text,class}; {@code class} is {@code suicide} for a post to r/SuicideWatch and {@code non-suicide} for
 * one to r/teenagers. The label is the forum the post was made in, not a reader's judgement, and SuicideWatch is
 * where self-harm is written about too, so a post from there expects either category.
 */
final class SuicideWatch {
    static final String HARMFUL = "suicide|self-harm";

    private SuicideWatch() {
    }

    static List<LabelledLine> convert(String name, String content) throws IOException {
        Records records = Records.read(name, content, ',', "text", "class");
        List<LabelledLine> lines = new ArrayList<>();
        for (Delimited.Row row : records.rows()) {
            String value = records.field(row, 1).strip();
            String expected = switch (value) {
                case "suicide" -> HARMFUL;
                case "non-suicide" -> "none";
                default -> throw new IOException(name + ":" + row.line()
                        + ": class must be suicide or non-suicide, got '" + value + "'");
            };
            lines.add(new LabelledLine(row.line(), expected, records.field(row, 0)));
        }
        return lines;
    }
}
