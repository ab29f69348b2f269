package org.vigil.console.triage;

import java.util.List;

/**
 * The monitoring categories (the UK Safer Internet Centre's, plus inappropriate-language: swearing, which does not
 * alert by default), offered in the queue's filter.
 */
public final class KnownCategories {
    public static final List<String> IDS = List.of("bullying", "cse-grooming", "discrimination", "drugs", "extremism",
            "gambling", "gangs", "inappropriate-language", "self-harm", "sexual-content", "suicide", "violence-weapons");

    private KnownCategories() {
    }
}
