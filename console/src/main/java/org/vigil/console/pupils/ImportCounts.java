package org.vigil.console.pupils;

/** What a full import did: pupils added, changed, marked left, and listed exactly as they were. */
public record ImportCounts(int added, int updated, int left, int unchanged) {

    @Override
    public String toString() {
        return added + " added, " + updated + " updated, " + left + " marked left, " + unchanged + " unchanged";
    }
}
