package org.vigil.console.proposals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.ProposedException;
import org.vigil.console.terms.ExceptionPhrases;
import org.vigil.console.terms.TermExceptions;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Rule;
import org.vigil.wordlists.Wordlist;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * Works out the exception that would have kept a false positive quiet: the rule behind the capture's hit (found by
 * re-scanning the capture's context with the policy in force, since the rule id's line number may be stale), then
 * the shortest phrase of whole neighbouring words around the hit (right first, as in "cut myself" to "cut myself
 * shaving", then left, then both) that the real parser accepts as that rule's exception and that makes the real
 * matcher stop reporting that rule at the hit. Pure: it reads the bundle it is given and changes nothing.
 */
public final class ExceptionProposer {
    public static final int MAX_WORDS = 6;
    public static final int MAX_CHARS = 200;

    private ExceptionProposer() {
    }

    /** The proposal for this capture under this policy, or why there is none. */
    public static Proposal propose(WordlistBundle bundle, CapturedMatch capture) {
        return propose(bundle, Matcher.compile(bundle.wordlist()), capture);
    }

    /**
     * As {@link #propose(WordlistBundle, CapturedMatch)}, with the bundle's matcher already compiled. Candidates are
     * tried against their entry alone (parsed from the edited file by the real parser, compiled by the real matcher):
     * entries match independently, so that answers for the whole policy at a fraction of the cost, and whatever is
     * submitted is checked against the whole edited policy by {@link #check}.
     */
    public static Proposal propose(WordlistBundle bundle, Matcher matcher, CapturedMatch capture) {
        Optional<Hit> found = hitOf(matcher, capture);
        if (found.isEmpty()) {
            return Proposal.none(notMatched(capture));
        }
        Hit hit = found.get();
        String context = capture.context();
        Phrases phrases = new Phrases(context, hit.start(), hit.end());
        for (Phrases.Span span : phrases.candidates(MAX_WORDS)) {
            String phrase = ExceptionPhrases.canonical(context.substring(span.from(), span.to()));
            if (phrase.length() <= MAX_CHARS && ExceptionPhrases.fitsOnALine(phrase) && span.addsAContentWord()
                    && problemWith(bundle, capture, hit, phrase, false).isEmpty()) {
                return Proposal.found(exceptionFor(hit.rule(), phrase));
            }
        }
        return Proposal.none("No exception to propose: no phrase of up to " + MAX_WORDS + " whole words around \""
                + hit.matchedText() + "\" adds a telling word (not just words like \"i\", \"the\" or \"again\","
                + " which would silence real disclosures too) and stops the entry \"" + hit.rule().term()
                + "\" matching this capture.");
    }

    /**
     * Checks a phrase a person may have edited: it must be a valid exception of the entry behind the capture's hit
     * and, added to that entry in a copy of the whole policy, must stop the real matcher reporting that entry there.
     *
     * @throws InvalidRequest saying what is wrong with it
     */
    public static ProposedException check(WordlistBundle bundle, Matcher matcher, CapturedMatch capture,
                                          String edited) {
        String phrase = ExceptionPhrases.canonical(edited == null ? "" : edited);
        if (phrase.isEmpty()) {
            throw new InvalidRequest("Write the exception phrase to propose.");
        }
        if (phrase.length() > MAX_CHARS) {
            throw new InvalidRequest("An exception is at most " + MAX_CHARS + " characters.");
        }
        if (!ExceptionPhrases.fitsOnALine(phrase)) {
            throw new InvalidRequest("An exception cannot contain '|', ';' or control characters.");
        }
        if (new Phrases(phrase, 0, 0).wordCount() > MAX_WORDS) {
            throw new InvalidRequest("An exception is at most " + MAX_WORDS + " words: IT sees it, so keep only"
                    + " the words that make the match innocent.");
        }
        Hit hit = hitOf(matcher, capture).orElseThrow(() -> new InvalidRequest(notMatched(capture)));
        if (!addsAContentWord(phrase, hit.rule().term())) {
            throw new InvalidRequest("The exception must add a telling word to \"" + hit.rule().term()
                    + "\", not just words like \"i\", \"the\" or \"again\": those would silence real"
                    + " disclosures too.");
        }
        problemWith(bundle, capture, hit, phrase, true).ifPresent(problem -> {
            throw new InvalidRequest(problem);
        });
        return exceptionFor(hit.rule(), phrase);
    }

    /** As {@link #check(WordlistBundle, Matcher, CapturedMatch, String)}, compiling the bundle. */
    public static ProposedException check(WordlistBundle bundle, CapturedMatch capture, String edited) {
        return check(bundle, Matcher.compile(bundle.wordlist()), capture, edited);
    }

    /**
     * The hit in the capture's context, under the policy in force, that the capture records: same category, over
     * the capture's span (the same span first, then the same start, then any overlap); failing that, a hit in the
     * same category on the same matched text, nearest the span.
     */
    static Optional<Hit> hitOf(Matcher matcher, CapturedMatch capture) {
        List<Hit> hits = matcher.scan(capture.context()).stream()
                .filter(h -> h.rule().category().equals(capture.category())).toList();
        int end = Math.max(0, Math.min(capture.matchEnd(), capture.context().length()));
        int start = Math.max(0, Math.min(capture.matchStart(), end));
        Optional<Hit> onSpan = hits.stream().filter(h -> h.start() < end && start < h.end())
                .min(Comparator.comparingInt(h -> h.start() != start ? 2 : h.end() == end ? 0 : 1));
        if (onSpan.isPresent()) {
            return onSpan;
        }
        String matched = capture.matchedText().strip();
        return hits.stream().filter(h -> h.matchedText().equalsIgnoreCase(matched))
                .min(Comparator.comparingInt(h -> Math.abs(h.start() - start)));
    }

    /** Whether the phrase has a word, beyond the term's own, that is not a function word. */
    static boolean addsAContentWord(String phrase, String term) {
        List<String> termWords = new Phrases(term.replace('~', ' '), 0, 0).texts();
        return new Phrases(phrase, 0, 0).texts().stream()
                .anyMatch(word -> !termWords.contains(word) && !ExceptionPhrases.isFunctionWord(word));
    }

    /**
     * Why the phrase, as an exception of the hit's rule, would not do; empty if it would. Checked on the edited
     * entry alone, and also on the whole edited policy when {@code wholePolicy}.
     */
    private static Optional<String> problemWith(WordlistBundle bundle, CapturedMatch capture, Hit hit, String phrase,
                                                boolean wholePolicy) {
        Rule rule = hit.rule();
        String file = rule.source();
        try {
            String edited = TermExceptions.withException(file, bundle.files().get(file), rule.term(), rule.mode(),
                    phrase);
            Rule editedRule = TermExceptions.find(file, edited, rule.term(), rule.mode()).orElseThrow();
            if (stillMatches(new Wordlist(List.of(editedRule)), capture, hit)
                    || (wholePolicy && stillMatches(bundle.with(file, edited).wordlist(), capture, hit))) {
                return Optional.of("With \"" + phrase + "\" as an exception, \"" + rule.term()
                        + "\" would still match this capture: the exception must include the words around the"
                        + " match as they were typed.");
            }
        } catch (InvalidRequest e) {
            return Optional.of(e.getMessage());
        } catch (WordlistFormatException e) {
            return Optional.of("Not a valid exception for \"" + rule.term() + "\": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static boolean stillMatches(Wordlist wordlist, CapturedMatch capture, Hit hit) {
        Rule rule = hit.rule();
        return Matcher.compile(wordlist).scan(capture.context()).stream()
                .anyMatch(h -> h.rule().category().equals(rule.category()) && h.rule().term().equals(rule.term())
                        && h.rule().mode() == rule.mode() && h.start() < hit.end() && hit.start() < h.end());
    }

    private static ProposedException exceptionFor(Rule rule, String phrase) {
        return new ProposedException(rule.category(), rule.term(), rule.mode(), rule.severity(), phrase);
    }

    private static String notMatched(CapturedMatch capture) {
        return "The wordlists in force no longer match \"" + capture.matchedText() + "\" in this capture's text (the"
                + " entry was changed or removed, or an exception already covers it), so there is no exception to"
                + " propose.";
    }

    /** The whole words of a text, and the spans that extend a hit by whole neighbouring words. */
    static final class Phrases {
        private final String text;
        private final List<int[]> words = new ArrayList<>();
        private final int hitStart;
        private final int hitEnd;
        private final int first;
        private final int last;

        Phrases(String text, int hitStart, int hitEnd) {
            this.text = text;
            this.hitStart = hitStart;
            this.hitEnd = hitEnd;
            int i = 0;
            while (i < text.length()) {
                if (!isWordChar(text, i)) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < text.length() && isWordChar(text, i)) {
                    i++;
                }
                words.add(new int[] {start, i});
            }
            int f = 0;
            while (f < words.size() && words.get(f)[1] <= hitStart) {
                f++;
            }
            int l = words.size() - 1;
            while (l >= 0 && words.get(l)[0] >= hitEnd) {
                l--;
            }
            this.first = f;
            this.last = l;
        }

        int wordCount() {
            return words.size();
        }

        /** The words, lower case. */
        List<String> texts() {
            return words.stream().map(w -> text.substring(w[0], w[1]).toLowerCase(Locale.ROOT)).toList();
        }

        /**
         * Spans of the hit's words plus whole words beside them, fewest added words first; for the same number,
         * all on the right, then all on the left, then split (more on the right first). At most {@code maxWords}.
         */
        List<Span> candidates(int maxWords) {
            int inHit = Math.max(0, last - first + 1);
            List<Span> spans = new ArrayList<>();
            for (int added = 1; inHit + added <= maxWords; added++) {
                addIfThere(spans, 0, added);
                addIfThere(spans, added, 0);
                for (int left = 1; left < added; left++) {
                    addIfThere(spans, left, added - left);
                }
            }
            return spans;
        }

        private void addIfThere(List<Span> spans, int left, int right) {
            int from = first - left;
            int to = last + right;
            if (from < 0 || to >= words.size() || (left > 0 && from > last) || (right > 0 && to < first)) {
                return;
            }
            int start = Math.min(hitStart, left > 0 ? words.get(from)[0] : wordStart());
            int end = Math.max(hitEnd, right > 0 ? words.get(to)[1] : wordEnd());
            boolean telling = false;
            for (int w = from; w <= to; w++) {
                boolean added = w < first || w > last;
                telling |= added && !ExceptionPhrases.isFunctionWord(text.substring(words.get(w)[0], words.get(w)[1]));
            }
            spans.add(new Span(start, end, telling));
        }

        private int wordStart() {
            return first < words.size() && first <= last ? words.get(first)[0] : hitStart;
        }

        private int wordEnd() {
            return last >= 0 && first <= last ? words.get(last)[1] : hitEnd;
        }

        /** Letters, digits and marks; an apostrophe inside a word ("i'm") too. */
        private static boolean isWordChar(String text, int i) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.isSurrogate(c) && Character.isLetterOrDigit(text.codePointAt(
                            Character.isLowSurrogate(c) && i > 0 ? i - 1 : i))) {
                return true;
            }
            return (c == '\'' || c == '\u2019') && i > 0 && i + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(text.charAt(i + 1));
        }

        /**
         * A stretch of the text, {@code [from, to)}.
         *
         * @param addsAContentWord whether a word it adds to the hit is more than a function word
         */
        record Span(int from, int to, boolean addsAContentWord) {
        }
    }
}
