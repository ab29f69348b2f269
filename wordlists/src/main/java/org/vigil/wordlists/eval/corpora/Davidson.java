package org.vigil.wordlists.eval.corpora;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code labeled_data.csv} of Davidson et al. (2017): columns {@code ,count,hate_speech,offensive_language,neither,
 * class,tweet}; {@code class} is 0 hate speech, 1 offensive language, 2 neither.
 */
final class Davidson {
    private static final Set<String> CLASSES = Set.of("0", "1", "2");

    private Davidson() {
    }

    /** Lines of class {@code harmful} labelled {@code category}, class 2 labelled none, the other class left out. */
    static DataSet.Converter mapping(String harmful, String category) {
        return (name, content) -> {
            Records records = Records.read(name, content, ',', "class", "tweet");
            List<LabelledLine> lines = new ArrayList<>();
            for (Delimited.Row row : records.rows()) {
                String label = records.field(row, 0).strip();
                if (!CLASSES.contains(label)) {
                    throw new IOException(name + ":" + row.line() + ": class must be 0, 1 or 2, got '" + label + "'");
                }
                if (label.equals(harmful)) {
                    lines.add(new LabelledLine(row.line(), category, records.field(row, 1)));
                } else if (label.equals("2")) {
                    lines.add(new LabelledLine(row.line(), "none", records.field(row, 1)));
                }
            }
            return lines;
        };
    }
}
