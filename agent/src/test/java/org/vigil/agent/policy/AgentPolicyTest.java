package org.vigil.agent.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.support.Typing;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;

class AgentPolicyTest {
    private static final WordlistBundle WITH_ZORBLAX =
            WordlistBundle.defaults().with("gambling.txt", "3 | zorblax tokens\n");

    @TempDir
    Path dataDir;

    @Test
    void withNothingStoredTheAgentRunsTheBuiltInListsAndNamesTheirVersion() {
        AgentPolicy policy = AgentPolicy.start(new LastKnownGood(dataDir));
        assertEquals(WordlistBundle.defaults().version(), policy.runningVersion());
    }

    @Test
    void aPushedPolicyThatCompilesIsAppliedAndKeptForTheNextStart() {
        AgentPolicy policy = AgentPolicy.start(new LastKnownGood(dataDir));

        policy.received(WITH_ZORBLAX.version(), encoded(WITH_ZORBLAX));

        assertEquals(WITH_ZORBLAX.version(), policy.runningVersion());
        assertEquals(1, policy.get().scan("that zorblax tokens again").size());
        AgentPolicy restarted = AgentPolicy.start(new LastKnownGood(dataDir));
        assertEquals(WITH_ZORBLAX.version(), restarted.runningVersion());
    }

    @Test
    void aServiceThatOnlyHandsThePolicyOnChecksItCompilesButKeepsNoMatcher() {
        AgentPolicy policy = AgentPolicy.start(new LastKnownGood(dataDir));
        assertFalse(policy.holdsMatcher());

        policy.received(WITH_ZORBLAX.version(), encoded(WITH_ZORBLAX));
        assertEquals(WITH_ZORBLAX.version(), policy.current().getVersion());
        assertEquals(WITH_ZORBLAX.encode(), policy.current().getWordlist().toStringUtf8());
        assertSame(policy.current(), policy.current(), "encoded once per version, not at every ask");
        assertFalse(policy.holdsMatcher());

        // one that matches asks for it, and from then on it stays compiled, across pushes too
        assertEquals(1, policy.get().scan("that zorblax tokens again").size());
        assertTrue(policy.holdsMatcher());
        policy.received(WordlistBundle.defaults().version(), encoded(WordlistBundle.defaults()));
        assertTrue(policy.holdsMatcher());
        assertEquals(0, policy.get().scan("that zorblax tokens again").size());
    }

    @Test
    void aPushedListThatDoesNotParseIsRefusedAndTheRunningOneStays() {
        AgentPolicy policy = AgentPolicy.start(new LastKnownGood(dataDir));
        Matcher before = policy.get();
        WordlistBundle broken = WordlistBundle.defaults().with("gambling.txt", "9 | zorblax tokens\n");

        policy.received(broken.version(), encoded(broken));
        policy.received("not-its-hash", encoded(WITH_ZORBLAX));
        policy.received("x", "not a bundle".getBytes(StandardCharsets.UTF_8));
        policy.received("y", new byte[] {(byte) 0xff, (byte) 0xfe});

        assertSame(before, policy.get());
        assertEquals(WordlistBundle.defaults().version(), policy.runningVersion());
        assertFalse(Files.exists(dataDir.resolve(LastKnownGood.FILE_NAME)));
    }

    @Test
    void aDamagedStoredPolicyFallsBackToTheBuiltInLists() throws Exception {
        Files.writeString(dataDir.resolve(LastKnownGood.FILE_NAME), "vigil-wordlist-bundle 1\ngambling.txt 999\n3 |");
        assertEquals(WordlistBundle.defaults().version(),
                AgentPolicy.start(new LastKnownGood(dataDir)).runningVersion());

        Files.writeString(dataDir.resolve(LastKnownGood.FILE_NAME),
                WordlistBundle.of(Map.of("gambling.txt", "9 | x\n")).encode());
        assertEquals(WordlistBundle.defaults().version(),
                AgentPolicy.start(new LastKnownGood(dataDir)).runningVersion());
    }

    @Test
    void typingSwitchesToANewPolicyAtTheNextLineWithoutLosingTheLineInProgress() {
        AgentPolicy policy = AgentPolicy.start(new LastKnownGood(dataDir));
        Typing typing = new Typing(policy);

        typing.type("we played the zorblax tokens").enter();
        assertEquals(List.of(), typing.events);

        typing.type("honestly i want to kill");
        policy.received(WITH_ZORBLAX.version(), encoded(WITH_ZORBLAX));
        typing.type(" myself").enter();
        assertEquals(1, typing.events.size(), "the line begun before the push still matches with the old lists");

        typing.type("we played the zorblax tokens").enter();
        assertEquals(2, typing.events.size());
        assertEquals("gambling", typing.events.get(1).getCategory());
        assertEquals("zorblax tokens", typing.events.get(1).getMatchedText());
    }

    private static byte[] encoded(WordlistBundle bundle) {
        return bundle.encode().getBytes(StandardCharsets.UTF_8);
    }
}
