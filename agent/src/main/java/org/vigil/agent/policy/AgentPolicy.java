package org.vigil.agent.policy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.Policy;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * The wordlist policy this agent matches with. A pushed policy is decoded, checked against the version it claims,
 * and compiled first; only a policy that compiles replaces the running one (one volatile write), so a bad push
 * never leaves the agent unprotected. A good one is also kept on disk for offline starts.
 * The compiled matcher is kept only in a process that matches (one that has asked for it with {@link #get()}):
 * a device service that only hands the policy to its session helpers checks that it compiles and drops the
 * automaton, about 5 MB of heap it would never use (bench/README.md, "Agent footprint").
 */
public final class AgentPolicy implements PolicyReceiver, Supplier<Matcher> {
    private static final Logger log = LoggerFactory.getLogger(AgentPolicy.class);

    private final Optional<LastKnownGood> lastKnownGood;
    private volatile Running running;
    /** Whether this process matches with the policy (has asked for the matcher), so keeps it compiled. */
    private volatile boolean matching;
    /** {@link #current()}'s last answer. */
    private volatile Policy message;
    /** Told after a new policy is in force (the device service wakes its helpers' link with it). */
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    private AgentPolicy(Optional<LastKnownGood> lastKnownGood, Running running) {
        this.lastKnownGood = lastKnownGood;
        this.running = running;
    }

    /** Starts with the last known good policy if there is one that compiles, else the built-in lists. */
    public static AgentPolicy start(LastKnownGood lastKnownGood) {
        Optional<WordlistBundle> stored = lastKnownGood.load();
        if (stored.isPresent()) {
            try {
                Running running = Running.compile(stored.get()).withoutMatcher();
                log.info("matching with the last policy the console sent, version {}", running.version());
                return new AgentPolicy(Optional.of(lastKnownGood), running);
            } catch (WordlistFormatException e) {
                log.warn("the stored policy does not compile ({}); using the built-in wordlists", e.getMessage());
            }
        }
        Running builtIn = Running.compile(WordlistBundle.defaults()).withoutMatcher();
        log.info("matching with the built-in wordlists, version {}", builtIn.version());
        return new AgentPolicy(Optional.of(lastKnownGood), builtIn);
    }

    /**
     * For a session helper, which has no data dir of its own: the built-in lists until the device service sends
     * its policy, kept in memory only.
     */
    public static AgentPolicy inMemory() {
        return new AgentPolicy(Optional.empty(), Running.compile(WordlistBundle.defaults()));
    }

    /**
     * The policy in force, as the device service hands it to its session helpers; encoded once per version (the
     * service asks every second for each helper, and the default lists encode to about 50 KB).
     */
    public Policy current() {
        Running now = running;
        Policy encoded = message;
        if (encoded == null || !encoded.getVersion().equals(now.version())) {
            encoded = Policy.newBuilder().setVersion(now.version())
                    .setWordlist(ByteString.copyFromUtf8(now.bundle().encode())).build();
            message = encoded;
        }
        return encoded;
    }

    @Override
    public String runningVersion() {
        return running.version();
    }

    /** The matcher of the policy in force now; from the first call on, this process keeps it compiled. */
    @Override
    public Matcher get() {
        matching = true;
        Running now = running;
        if (now.matcher() != null) {
            return now.matcher();
        }
        synchronized (this) {
            if (running.matcher() == null) {
                // the policy was checked when it arrived; compiling it again cannot fail
                running = Running.compile(running.bundle());
            }
            return running.matcher();
        }
    }

    @Override
    public void received(String version, byte[] wordlist) {
        if (version.equals(running.version())) {
            return;
        }
        WordlistBundle bundle;
        Running next;
        try {
            bundle = WordlistBundle.decode(decodeUtf8(wordlist));
            if (!bundle.version().equals(version)) {
                log.warn("refused policy {}: its content hashes to {}; keeping version {}", version,
                        bundle.version(), running.version());
                return;
            }
            next = Running.compile(bundle);
        } catch (WordlistFormatException | CharacterCodingException e) {
            log.warn("refused policy {}: {}; keeping version {}", version, e.getMessage(), running.version());
            return;
        }
        if (lastKnownGood.isPresent()) {
            try {
                lastKnownGood.get().save(bundle);
            } catch (IOException e) {
                log.warn("cannot store policy {} for offline starts ({}); applying it for this run only", version,
                        e.getMessage());
            }
        }
        synchronized (this) {
            running = matching ? next : next.withoutMatcher();
        }
        log.info("now matching with policy version {}", version);
        changeListeners.forEach(Runnable::run);
    }

    /** {@code listener} runs, on the thread that received it, each time a new policy is in force. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Whether the compiled matcher is held now (it is only in a process that matches). */
    boolean holdsMatcher() {
        return running.matcher() != null;
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** A policy that compiles, its version, and its matcher where this process keeps it (else null). */
    private record Running(String version, WordlistBundle bundle, Matcher matcher) {
        static Running compile(WordlistBundle bundle) {
            return new Running(bundle.version(), bundle, Matcher.compile(bundle.wordlist()));
        }

        Running withoutMatcher() {
            return new Running(version, bundle, null);
        }
    }
}
