package org.vigil.wordlists.eval.corpora;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma- or tab-separated records as the public data sets write them: a field that starts with a quote runs to
 * the closing quote (doubled quotes inside, line breaks allowed); a quote anywhere else is an ordinary char.
 */
final class Delimited {

    /** One record and the line it starts on (1-based), for error messages. */
    record Row(int line, List<String> fields) {
    }

    private Delimited() {
    }

    static List<Row> parse(String name, String content, char delimiter) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowStart = 1;
        int i = 0;
        int n = content.length();
        boolean atFieldStart = true;
        while (i < n) {
            char c = content.charAt(i);
            if (atFieldStart && c == '"') {
                int quoteLine = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IOException(name + ":" + quoteLine + ": a quoted field is never closed");
                    }
                    char q = content.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && content.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                atFieldStart = false;
                continue;
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
            } else if (c == '\n' || c == '\r') {
                fields.add(field.toString());
                field.setLength(0);
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    rows.add(new Row(rowStart, List.copyOf(fields)));
                }
                fields.clear();
                if (c == '\r' && i + 1 < n && content.charAt(i + 1) == '\n') {
                    i++;
                }
                line++;
                rowStart = line;
                atFieldStart = true;
            } else {
                field.append(c);
                atFieldStart = false;
            }
            i++;
        }
        if (!atFieldStart || !fields.isEmpty() || field.length() > 0) {
            fields.add(field.toString());
            rows.add(new Row(rowStart, List.copyOf(fields)));
        }
        return rows;
    }
}
