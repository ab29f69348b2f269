package org.vigil.wordlists.eval.corpora;

import java.io.IOException;
import java.util.List;

/**
 * A data set's file as its records under a header: the named columns found by name (a missing one refused first,
 * with the header), then every record checked to have the header's width.
 *
 * @param columns the index of each named column, in the order they were asked for
 */
record Records(List<String> header, List<Delimited.Row> rows, int[] columns) {

    static Records read(String name, String content, char delimiter, String... names) throws IOException {
        List<Delimited.Row> all = Delimited.parse(name, content, delimiter);
        if (all.isEmpty()) {
            throw new IOException(name + ": empty");
        }
        List<String> header = all.get(0).fields();
        int[] columns = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            columns[i] = Header.column(name, header, names[i]);
        }
        List<Delimited.Row> rows = all.subList(1, all.size());
        for (Delimited.Row row : rows) {
            Header.checkWidth(name, row, header.size());
        }
        return new Records(header, List.copyOf(rows), columns);
    }

    /** The value of the {@code i}-th named column in a row. */
    String field(Delimited.Row row, int i) {
        return row.fields().get(columns[i]);
    }
}
