package org.vigil.console.policy;

import java.util.SortedMap;
import java.util.TreeMap;
import org.vigil.wordlists.GroupOverrides;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * A school's changes to the trust's lists (ADR 0193), a bundle of its own: {@code school.txt} (the directives of a
 * group file, {@code off}, {@code severity}, {@code add}, for every device of the school) and the school's own groups
 * ({@code groups/<id>.txt}, replacing a trust group of the same id for this school). {@link #combine} makes the
 * bundle the school's devices get, in the format agents and groups already read.
 */
public final class SchoolLayer {
    /** The school-wide directives. */
    public static final String SCHOOL_FILE = "school.txt";
    /** A school that has changed nothing. */
    public static final WordlistBundle NO_CHANGES = new WordlistBundle(new TreeMap<>());

    private SchoolLayer() {
    }

    /** Whether a file may be part of a school's changes. */
    public static boolean isLayerFile(String name) {
        return name.equals(SCHOOL_FILE) || GroupOverrides.groupOf(name).isPresent();
    }

    /**
     * The trust's category files with the school's directives made (as text, so each rule keeps its line), the
     * trust's groups, and the school's groups in place of the trust's of the same id. A school with no changes gets
     * the trust's bundle itself, so its devices run the trust's version.
     *
     * @throws WordlistFormatException naming the school's file and line that cannot be used
     */
    public static WordlistBundle combine(WordlistBundle trust, WordlistBundle layer, String schoolCode) {
        if (layer.files().isEmpty()) {
            return trust;
        }
        for (String name : layer.files().keySet()) {
            if (!isLayerFile(name)) {
                throw new WordlistFormatException(name, 0,
                        "a school's changes are " + SCHOOL_FILE + " and group files (groups/<id>.txt) only");
            }
        }
        WordlistBundle categories = trust.categoryFiles();
        String own = layer.files().get(SCHOOL_FILE);
        if (own != null) {
            categories = GroupOverrides.parseLayer("school " + schoolCode, SCHOOL_FILE, own, categories.wordlist())
                    .applyTo(categories);
        }
        SortedMap<String, String> files = new TreeMap<>(categories.files());
        trust.files().forEach((name, text) -> {
            if (!Policies.isCategoryFile(name)) {
                files.put(name, text);
            }
        });
        layer.files().forEach((name, text) -> {
            if (!name.equals(SCHOOL_FILE)) {
                files.put(name, text);
            }
        });
        return new WordlistBundle(files);
    }
}
