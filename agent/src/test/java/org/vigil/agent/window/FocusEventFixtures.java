package org.vigil.agent.window;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.vigil.agent.secure.AccessibleFocus;

/**
 * An {@link AccessibleFocus} that fires focus events from fixture files under {@code src/test/resources/win32/}
 * ({@code focus-*.properties}): what {@code EVENT_OBJECT_FOCUS}, {@code GetAncestor}, {@code AccessibleObjectFromEvent}
 * and {@code get_accState} answer for one element, written from Microsoft's, Chromium's and Mozilla's documentation
 * of how they map web content to MSAA, not recorded on a Windows device (see the agent README). Each event is
 * delivered on a thread of its own, as the real hook delivers on its message-loop thread.
 */
final class FocusEventFixtures implements AccessibleFocus {
    private volatile Consumer<FocusChange> changes = change -> { };
    /** Objects asked for their state: one per focus event, however much is typed. */
    final AtomicInteger asked = new AtomicInteger();

    @Override
    public AutoCloseable watch(Consumer<FocusChange> changes) {
        this.changes = changes;
        return () -> this.changes = change -> { };
    }

    /** The focus moves to the element of this fixture. */
    void focus(String name) throws InterruptedException {
        Properties answers = new Properties();
        try (InputStream in = FocusEventFixtures.class.getResourceAsStream("/win32/" + name + ".properties")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            answers.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long root = Long.decode(answers.getProperty("GetAncestor.GA_ROOT"));
        boolean reachable = answers.getProperty("AccessibleObjectFromEvent", "0").equals("0");
        FocusChange change = new FocusChange(root, reachable
                ? OptionalLong.of(Long.decode(answers.getProperty("get_accState"))) : OptionalLong.empty());
        Thread hook = new Thread(() -> {
            asked.incrementAndGet();
            changes.accept(change);
        }, "fixture-focus-events");
        hook.start();
        hook.join();
    }
}
