package org.vigil.wordlists.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.vigil.wordlists.Feed;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Wordlist;
import org.vigil.wordlists.typo.Misspelling;

/**
 * Writes every hit the default lists give, one line each with all that a hit says, so the hit lists of two builds of
 * the matcher can be compared with {@code diff} (wordlists/bench/hit-diff.sh), not just counted. Texts: the
 * benchmark's 8 MB, the same text with one char in twelve replaced by a mask, digit, separator or stretch, and each
 * line of the files given as arguments (labelled eval files), scanned whole and typed char by char into a
 * {@link Feed}. A runnable harness, not a test; compiled against the public API so an older build's classes can
 * run it.
 */
public final class HitDiff {
    private static final String MANGLES = "!@$*310- .'_~  aeiou";

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Wordlist defaults = Wordlist.defaults();
        Matcher matcher = Matcher.compile(defaults);
        List<String> terms = defaults.rules().stream().map(r -> r.plainTerm().replace('~', ' ')).distinct().toList();
        String text = BenchText.defaultListsText(terms);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            write(w, "bench scan", matcher.scan(text));
            typeLines(w, "bench typed", matcher, text.substring(0, 2_000_000));
            String mangled = mangled(text.substring(0, 2_000_000));
            write(w, "mangled scan", matcher.scan(mangled));
            typeLines(w, "mangled typed", matcher, mangled);
            for (int a = 1; a < args.length; a++) {
                List<String> lines = Files.readAllLines(Path.of(args[a]), StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    write(w, args[a] + ":" + (i + 1) + " scan", matcher.scan(lines.get(i)));
                    Feed feed = matcher.newFeed();
                    StringBuilder typed = new StringBuilder();
                    for (char c : lines.get(i).toCharArray()) {
                        typed.append(c);
                        write(w, args[a] + ":" + (i + 1) + " typed", feed.type(c));
                    }
                    write(w, args[a] + ":" + (i + 1) + " typed end", feed.finishLine());
                }
            }
        }
    }

    private static void typeLines(PrintWriter w, String label, Matcher matcher, String text) {
        Feed feed = matcher.newFeed();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            write(w, label + " " + i, feed.type(c));
            if (c == '.') {
                write(w, label + " end " + i, feed.finishLine());
                feed.clear();
            }
        }
        write(w, label + " end", feed.finishLine());
    }

    /** One char in twelve replaced: masks, digits, separators, doubled vowels, as pupils' typing has them. */
    private static String mangled(String text) {
        Random random = new Random(16);
        StringBuilder out = new StringBuilder(text.length() + text.length() / 12);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (random.nextInt(12) == 0) {
                char m = MANGLES.charAt(random.nextInt(MANGLES.length()));
                out.append(m);
                if (random.nextBoolean()) {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void write(PrintWriter w, String where, List<Hit> hits) {
        for (Hit hit : hits) {
            w.println(where + "\t" + hit.rule().id() + "\t" + hit.start() + "\t" + hit.end() + "\t" + hit.matchedText()
                    + "\t" + new TreeSet<>(hit.normalisations()) + "\t" + hit.severity() + "\t" + hit.reasons() + "\t"
                    + (hit.misspellings().isEmpty() ? "-"
                            : String.join("; ", hit.misspellings().stream().map(Misspelling::describe).toList())) + "\t" + hit.explanation());
        }
    }
}
