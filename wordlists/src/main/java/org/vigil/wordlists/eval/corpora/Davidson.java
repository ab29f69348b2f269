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
            List<Delimited.Row> rows = Delimited.parse(name, content, ',');
            if (rows.isEmpty()) {
                throw new IOException(name + ": empty");
            }
            List<String> header = rows.get(0).fields();
            int classColumn = Header.column(name, header, "class");
            int tweetColumn = Header.column(name, header, "tweet");
            List<LabelledLine> lines = new ArrayList<>();
            for (Delimited.Row row : rows.subList(1, rows.size())) {
                Header.checkWidth(name, row, header.size());
                String label = row.fields().get(classColumn).strip();
                if (!CLASSES.contains(label)) {
                    throw new IOException(name + ":" + row.line() + ": class must be 0, 1 or 2, got '" + label + "'");
                }
                if (label.equals(harmful)) {
                    lines.add(new LabelledLine(row.line(), category, row.fields().get(tweetColumn)));
                } else if (label.equals("2")) {
                    lines.add(new LabelledLine(row.line(), "none", row.fields().get(tweetColumn)));
                }
            }
            return lines;
        };
    }
}
