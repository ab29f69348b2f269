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
        Records records = Records.read(name, content, '\t', "post", "ans1", "ans2", "ans3");
        List<LabelledLine> lines = new ArrayList<>();
        for (Delimited.Row row : records.rows()) {
            int yes = 0;
            for (int column = 1; column <= 3; column++) {
                String answer = records.field(row, column).strip();
                if (answer.equalsIgnoreCase("yes")) {
                    yes++;
                } else if (!answer.isEmpty() && !answer.equalsIgnoreCase("no")) {
                    throw new IOException(name + ":" + row.line() + ": ans" + column
                            + " must be Yes, No or empty, got '" + answer + "'");
                }
            }
            String text = records.field(row, 0).strip();
            if (text.startsWith("Q:")) {
                text = text.substring(2);
            }
            text = text.replaceFirst("(?i)<br>\\s*A:", " ");
            lines.add(new LabelledLine(row.line(), yes >= 2 ? "bullying" : "none", text));
        }
        return lines;
    }
}
