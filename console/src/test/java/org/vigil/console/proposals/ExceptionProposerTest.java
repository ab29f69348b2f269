package org.vigil.console.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.ProposedException;
import org.vigil.console.terms.TermExceptions;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.MatchMode;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;

/** Proposals worked out against the shipped default lists, checked with the real parser and matcher. */
class ExceptionProposerTest {
    private static final WordlistBundle DEFAULTS = WordlistBundle.defaults();
    /** The defaults as a school might have them before "cut myself shaving" was ever an exception. */
    private static final WordlistBundle WITHOUT_SHAVING = DEFAULTS.with("self-harm.txt",
            DEFAULTS.files().get("self-harm.txt").replace("except: cut myself shaving; ", "except: "));

    @Test
    void extendsTheMatchByTheNextWordToTheRight() {
        ProposedException proposed = proposed(WITHOUT_SHAVING,
                capture("self-harm", 4, "i cut myself shaving this morning", "cut myself"));
        assertEquals(new ProposedException("self-harm", "cut myself", MatchMode.WHOLE_WORD, 4, "cut myself shaving"),
                proposed);
        assertFalse(proposed.critical());
        assertStopsTheHitButNotARealDisclosure(WITHOUT_SHAVING, proposed, "i cut myself shaving this morning",
                "i cut myself again");
    }

    @Test
    void skipsWordsThatWouldSilenceRealDisclosuresAndGoesLeftWhenTheRightHasNone() {
        String context = "skateboarding yesterday i hurt myself again";
        ProposedException proposed = proposed(DEFAULTS, capture("self-harm", 4, context, "hurt myself"));
        assertEquals("yesterday i hurt myself", proposed.phrase(), "not 'hurt myself again' nor 'i hurt myself'");
        assertStopsTheHitButNotARealDisclosure(DEFAULTS, proposed, context, "i hurt myself again");
    }

    @Test
    void proposesNothingWhenOnlyFunctionWordsSurroundTheMatch() {
        Proposal proposal = ExceptionProposer.propose(DEFAULTS,
                capture("self-harm", 4, "so i hurt myself again", "hurt myself"));
        assertTrue(proposal.exception().isEmpty());
        assertTrue(proposal.reason().startsWith("No exception to propose"), proposal.reason());
    }

    @Test
    void proposesNothingWhenTheContextIsJustTheMatch() {
        Proposal proposal = ExceptionProposer.propose(DEFAULTS, capture("self-harm", 4, "hurt myself", "hurt myself"));
        assertTrue(proposal.exception().isEmpty());
        assertTrue(proposal.reason().contains("\"hurt myself\""), proposal.reason());
    }

    @Test
    void proposesNothingWhenThePolicyInForceNoLongerMatches() {
        Proposal proposal = ExceptionProposer.propose(DEFAULTS,
                capture("self-harm", 4, "i cut myself shaving this morning", "cut myself"));
        assertTrue(proposal.exception().isEmpty());
        assertTrue(proposal.reason().contains("no longer match"), proposal.reason());
    }

    @Test
    void findsTheRuleByTheHitItselfWhenTheOffsetsAreWrong() {
        String context = "i hurt myself snowboarding on the trip";
        CapturedMatch stale = new CapturedMatch("self-harm", 4, "hurt myself", context, 30, 38);
        assertEquals("hurt myself snowboarding", proposed(DEFAULTS, stale).phrase());
    }

    @Test
    void marksAnEntryOfSeverityFiveAsCritical() {
        String context = "i will kill myself laughing at this meme";
        ProposedException proposed = proposed(DEFAULTS, capture("suicide", 5, context, "kill myself"));
        assertEquals("kill myself laughing", proposed.phrase());
        assertTrue(proposed.critical());
    }

    @Test
    void keepsHostileTextAsPlainWordsOfThePhrase() {
        String context = "<script>alert(1)</script> i hurt myself skiing <b>";
        ProposedException proposed = proposed(DEFAULTS, capture("self-harm", 4, context, "hurt myself"));
        assertEquals("hurt myself skiing", proposed.phrase());
        String after = "i hurt myself <script>alert(1)</script>";
        ProposedException hostile = proposed(DEFAULTS, capture("self-harm", 4, after, "hurt myself"));
        assertEquals("hurt myself <script", hostile.phrase(), "the text as typed; pages escape it");
        assertStopsTheHitButNotARealDisclosure(DEFAULTS, hostile, after, "i hurt myself again");
    }

    @Test
    void acceptsAnEditedPhraseThatStillPreventsTheHit() {
        CapturedMatch capture = capture("self-harm", 4, "i cut myself shaving this morning", "cut myself");
        ProposedException edited = ExceptionProposer.check(WITHOUT_SHAVING, capture, "  Cut Myself   SHAVING this ");
        assertEquals("cut myself shaving this", edited.phrase());
    }

    @Test
    void refusesEditedPhrasesThatAreNotValidOrDoNotPreventTheHit() {
        CapturedMatch capture = capture("self-harm", 4, "i cut myself shaving this morning", "cut myself");
        assertRefused(capture, "cut myself cooking", "would still match");
        assertRefused(capture, "shaving this morning", "must be a longer phrase containing");
        assertRefused(capture, "i cut myself", "telling word");
        assertRefused(capture, "cut myself | 5 | shaving", "'|'");
        assertRefused(capture, "cut myself shaving; hurt", "';'");
        assertRefused(capture, "   ", "Write the exception");
        assertRefused(capture, "i cut myself shaving this morning before school", "at most 6 words");
        assertRefused(capture, "cut myself " + "x".repeat(200), "at most 200 characters");
    }

    @Test
    void wordsInTheHitAndAroundItAreWhole() {
        ExceptionProposer.Phrases phrases = new ExceptionProposer.Phrases("i'm sure i cut myself, shaving", 11, 21);
        assertEquals(6, phrases.wordCount(), "i'm is one word");
        ExceptionProposer.Phrases.Span first = phrases.candidates(6).get(0);
        assertEquals("cut myself, shaving", "i'm sure i cut myself, shaving".substring(first.from(), first.to()));
    }

    private static void assertRefused(CapturedMatch capture, String phrase, String expected) {
        InvalidRequest refused = assertThrows(InvalidRequest.class,
                () -> ExceptionProposer.check(WITHOUT_SHAVING, capture, phrase));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    private static void assertStopsTheHitButNotARealDisclosure(WordlistBundle bundle, ProposedException proposed,
                                                               String falsePositive, String disclosure) {
        String file = proposed.category() + ".txt";
        WordlistBundle accepted = bundle.with(file, TermExceptions.withException(file, bundle.files().get(file),
                proposed.term(), proposed.mode(), proposed.phrase()));
        Matcher matcher = Matcher.compile(accepted.wordlist());
        assertTrue(matcher.scan(falsePositive).stream().noneMatch(h -> isTheEntry(h, proposed)), falsePositive);
        assertTrue(matcher.scan(disclosure).stream().anyMatch(h -> isTheEntry(h, proposed)), disclosure);
    }

    private static boolean isTheEntry(Hit hit, ProposedException proposed) {
        return hit.rule().category().equals(proposed.category()) && hit.rule().term().equals(proposed.term());
    }

    private static ProposedException proposed(WordlistBundle bundle, CapturedMatch capture) {
        Proposal proposal = ExceptionProposer.propose(bundle, capture);
        return proposal.exception().orElseThrow(() -> new AssertionError(proposal.reason()));
    }

    private static CapturedMatch capture(String category, int severity, String context, String matched) {
        int start = context.indexOf(matched);
        return new CapturedMatch(category, severity, matched, context, start, start + matched.length());
    }
}
