package org.vigil.console.store.copy;

/** One table's row count and SHA-256 on each side of a copy. */
public record TableComparison(String table, long sourceRows, String sourceSha256, long targetRows,
                              String targetSha256) {

    public boolean same() {
        return sourceRows == targetRows && sourceSha256.equals(targetSha256);
    }
}
