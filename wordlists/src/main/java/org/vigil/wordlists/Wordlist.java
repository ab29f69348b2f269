package org.vigil.wordlists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Entries written differently that match the same text once normalised ("self harm" and "self-harm", "weed"
     * and "w33d"). Both rules stay and both report a hit: nothing is merged. Within one category it is a
     * duplicate to remove ({@code check} fails); across categories ("kys" in bullying and suicide) it may be a
     * deliberate choice, and {@code check} lists it.
     */
    public List<Repeat> repeats() {
        Map<String, Rule> first = new HashMap<>();
        List<Repeat> repeats = new ArrayList<>();
        for (Rule rule : rules) {
            MatchForm form = MatchForm.of(rule.term(), rule.mode() == MatchMode.FLEXIBLE_PHRASE);
            String key = form.chars() + Arrays.toString(form.runs());
            Rule earlier = first.putIfAbsent(key, rule);
            if (earlier != null) {
                repeats.add(new Repeat(rule, earlier));
            }
        }
        return repeats;
    }

    /** A rule whose term matches what an earlier rule's term does. */
    public record Repeat(Rule rule, Rule earlier) {
        public boolean sameCategory() {
            return rule.category().equals(earlier.category());
        }

        @Override
        public String toString() {
            return rule.id() + ": \"" + rule.term() + "\" matches the same text as \"" + earlier.term() + "\" ("
                    + earlier.id() + ") once normalised";
        }
    }

    public Set<String> categories() {
        Set<String> ids = new TreeSet<>();
        rules.forEach(rule -> ids.add(rule.category()));
        return ids;
    }
}
