package org.vigil.wordlists.eval.corpora;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code formspring_data.csv} of Reynolds et al. (2011), tab-separated: {@code post} holds
 * {@code Q: question<br>A: answer}; {@code ans1}, {@code ans2}, {@code ans3} are each worker's Yes or No for
 * cyberbullying. Two Yes or more make the post bullying.
 */
final class Formspring {

    private Formspring() {
    }

    static List<LabelledLine> convert(String name, String content) throws IOException {
        List<Delimited.Row> rows = Delimited.parse(name, content, '\t');
        if (rows.isEmpty()) {
            throw new IOException(name + ": empty");
        }
        List<String> header = rows.get(0).fields();
        int post = Header.column(name, header, "post");
        int[] answers = {Header.column(name, header, "ans1"), Header.column(name, header, "ans2"),
                Header.column(name, header, "ans3")};
        List<LabelledLine> lines = new ArrayList<>();
        for (Delimited.Row row : rows.subList(1, rows.size())) {
            Header.checkWidth(name, row, header.size());
            int yes = 0;
            for (int column : answers) {
                String answer = row.fields().get(column).strip();
                if (answer.equalsIgnoreCase("yes")) {
                    yes++;
                } else if (!answer.isEmpty() && !answer.equalsIgnoreCase("no")) {
                    throw new IOException(name + ":" + row.line() + ": " + header.get(column)
                            + " must be Yes, No or empty, got '" + answer + "'");
                }
            }
            String text = row.fields().get(post).strip();
            if (text.startsWith("Q:")) {
                text = text.substring(2);
            }
            text = text.replaceFirst("(?i)<br>\\s*A:", " ");
            lines.add(new LabelledLine(row.line(), yes >= 2 ? "bullying" : "none", text));
        }
        return lines;
    }
}
