package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The inappropriate-language category of the shipped lists (issue 16), on the real compiled lists. */
class InappropriateLanguageTest {
    private final Wordlist defaults = Wordlist.defaults();
    private final Matcher matcher = Matcher.compile(defaults);

    @Test
    void swearingIsCaughtAtLowSeverity() {
        for (String line : List.of("this lesson is fucking boring", "what a load of shite", "this wifi is crap",
                "oh ffs not again", "that film was bollocks", "bloody hell")) {
            List<Hit> hits = matcher.scan(line);
            assertTrue(hits.stream().anyMatch(h -> h.rule().category().equals("inappropriate-language")),
                    line + " -> " + hits);
            assertTrue(hits.stream().allMatch(h -> h.rule().severity() <= 2), line + " -> " + hits);
        }
    }

    @Test
    void everyEntryIsSeverityOneOrTwo() {
        List<Rule> rules = defaults.rules().stream()
                .filter(rule -> rule.category().equals("inappropriate-language")).toList();
        assertTrue(rules.size() >= 50, rules.size() + " rules");
        assertEquals(Set.of(1, 2), rules.stream().map(Rule::severity).collect(Collectors.toSet()));
    }

    @Test
    void swearingAimedAtSomeoneIsBullying() {
        for (String line : List.of("stfu nobody asked", "ur a prick", "go fuck yourself", "you're a slag")) {
            Set<String> categories = matcher.scan(line).stream().map(h -> h.rule().category())
                    .collect(Collectors.toSet());
            assertTrue(categories.contains("bullying"), line + " -> " + categories);
        }
    }

    @Test
    void aGroupSwitchesItOffOrRaisesItLikeAnyCategory() {
        WordlistBundle school = WordlistBundle.defaults()
                .with("groups/ks1.txt", "# KS1\noff inappropriate-language\n")
                .with("groups/ks4.txt", "# KS4\nseverity inappropriate-language +1\n");
        String line = "this is fucking boring";
        assertTrue(Matcher.compile(school.forGroup(Optional.of("ks1")).wordlist()).scan(line).isEmpty());
        assertEquals(Set.of(3), Matcher.compile(school.forGroup(Optional.of("ks4")).wordlist()).scan(line).stream()
                .map(Hit::severity).collect(Collectors.toSet()));
        assertEquals(Set.of(2), Matcher.compile(school.forGroup(Optional.empty()).wordlist()).scan(line).stream()
                .map(Hit::severity).collect(Collectors.toSet()));
    }

    @Test
    void theLicenceOfTheLexiconItDerivesFromShipsBesideTheList() throws IOException {
        try (InputStream in = Wordlist.class.getResourceAsStream("default/inappropriate-language.LICENSE")) {
            assertNotNull(in, "inappropriate-language.LICENSE is missing");
            String licence = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(licence.contains("MIT License") && licence.contains("David Sojevic"), licence);
        }
    }
}
