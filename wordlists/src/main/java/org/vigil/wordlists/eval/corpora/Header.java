package org.vigil.wordlists.eval.corpora;

import java.io.IOException;
import java.util.List;

/** Finds a data set's columns by name, so a copy with its columns in another order still reads right. */
final class Header {

    private Header() {
    }

    static int column(String name, List<String> header, String column) throws IOException {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IOException(name + ":1: no '" + column + "' column in the header " + header);
        }
        return index;
    }

    static void checkWidth(String name, Delimited.Row row, int width) throws IOException {
        if (row.fields().size() != width) {
            throw new IOException(name + ":" + row.line() + ": expected " + width + " fields as in the header, found "
                    + row.fields().size());
        }
    }
}
