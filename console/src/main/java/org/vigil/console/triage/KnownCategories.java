package org.vigil.console.triage;

import java.util.List;

/** The monitoring categories (the UK Safer Internet Centre's), offered in the queue's filter. */
public final class KnownCategories {
    public static final List<String> IDS = List.of("bullying", "cse-grooming", "discrimination", "drugs", "extremism",
            "gambling", "gangs", "self-harm", "sexual-content", "suicide", "violence-weapons");

    private KnownCategories() {
    }
}
