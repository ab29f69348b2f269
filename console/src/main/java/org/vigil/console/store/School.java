package org.vigil.console.store;

/** A school of the console (a tenant): its id, the short code commands and tokens name it by, and its name. */
public record School(long id, String code, String name) {
    /** The school every console has, and the one every row made before schools existed belongs to. */
    public static final long FIRST = 1;
}
