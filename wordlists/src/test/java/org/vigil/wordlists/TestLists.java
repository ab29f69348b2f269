package org.vigil.wordlists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Small wordlists written inline, one category file each, for tests. */
final class TestLists {
    private TestLists() {
    }

    /** Pairs of (file name, body). */
    static Matcher matcher(String... fileAndBody) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < fileAndBody.length; i += 2) {
            try {
                rules.addAll(WordlistParser.parse(fileAndBody[i], new BufferedReader(new StringReader(fileAndBody[i + 1]))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Matcher.compile(new Wordlist(rules));
    }

    /** Terms like the corpus's dodges aim at, in the categories the corpus uses. */
    static Matcher dodgeLists() {
        return matcher(
                "suicide.txt", "5 | kill myself\n4 | suicid*\n5 | kms\n5 | want to die\n",
                "self-harm.txt", "4 | self~harm\n4 | cut myself\n",
                "bullying.txt", "4 | kys\n3 | bitch\n2 | loser\n",
                "sexual-content.txt", "3 | porn\n3 | xxx\n2 | ass | except: assassin's creed\n",
                "violence-weapons.txt", "3 | bomb | except: bath bomb\n3 | kill | except: kill time\n",
                "drugs.txt", "3 | weed\n",
                "gambling.txt", "3 | bet365\n2 | bet\n",
                "extremism.txt", "4 | 1488\n",
                "cse-grooming.txt", "4 | send nudes\n");
    }

    static List<Hit> typeAll(Feed feed, String text) {
        List<Hit> hits = new ArrayList<>();
        for (char c : text.toCharArray()) {
            hits.addAll(feed.type(c));
        }
        return hits;
    }
}
