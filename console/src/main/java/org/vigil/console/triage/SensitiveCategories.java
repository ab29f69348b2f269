package org.vigil.console.triage;

import java.util.Set;

/**
 * Categories whose screenshots stay hidden until the viewer records a justification (the seeds' policy: "their
 * justification for viewing the image will be clearly documented"). Swearing (inappropriate-language) is not one of
 * them: its screenshots show what bullying's do, a chat or a document (ADR 0161).
 */
public final class SensitiveCategories {
    private static final Set<String> SENSITIVE = Set.of("sexual-content", "cse-grooming");

    private SensitiveCategories() {
    }

    public static boolean isSensitive(String category) {
        return SENSITIVE.contains(category);
    }
}
