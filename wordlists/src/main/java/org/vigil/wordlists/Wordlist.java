package org.vigil.wordlists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A set of rules from one or more category files; what a {@link Matcher} is compiled from. */
public record Wordlist(List<Rule> rules) {

    public Wordlist {
        rules = List.copyOf(rules);
    }

    /** The lists Vigil ships, from this jar's resources. */
    public static Wordlist defaults() {
        try {
            return WordlistLoader.fromClasspath();
        } catch (IOException e) {
            throw new UncheckedIOException("the default wordlists are missing from the jar", e);
        }
    }

    /** Every {@code *.txt} file in a folder, one category each. */
    public static Wordlist load(Path folder) throws IOException {
        return WordlistLoader.fromFolder(folder);
    }

    public Set<String> categories() {
        Set<String> ids = new TreeSet<>();
        rules.forEach(rule -> ids.add(rule.category()));
        return ids;
    }
}
