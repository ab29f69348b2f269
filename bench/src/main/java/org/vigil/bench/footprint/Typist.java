package org.vigil.bench.footprint;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Types ordinary school text at a steady rate with xdotool (each character {@code 1000 / charsPerSecond} ms after
 * the last), one line at a time ending in Return, with one listed phrase in ten lines (about one hit a minute at
 * 10 chars/s) so the agents take a screenshot and send a capture now and then, as they would in class.
 */
final class Typist {
    private static final List<String> LINES = List.of(
            "the water cycle starts when the sun warms the sea",
            "in 1605 the gunpowder plot failed and guy fawkes was caught",
            "photosynthesis turns light water and carbon dioxide into sugar",
            "my favourite book this term is about a boy and his dog",
            "i want to kill myself",
            "the area of a circle is pi times the radius squared",
            "we went to the museum and saw the roman coins",
            "please can i hand my homework in on friday instead",
            "the football match after school was moved to thursday",
            "volcanoes form where tectonic plates move apart or together");

    private final XvfbDisplay display;
    private final int charsPerSecond;
    private final int delayMillis;

    Typist(XvfbDisplay display, int charsPerSecond) {
        this.display = display;
        this.charsPerSecond = charsPerSecond;
        this.delayMillis = 1000 / charsPerSecond;
    }

    /** Types until {@code seconds} have passed (finishing the line under way); the characters typed. */
    long typeFor(int seconds) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long chars = 0;
        for (int i = 0; System.nanoTime() < end; i++) {
            String line = LINES.get(i % LINES.size());
            display.xdotool("type", "--delay", Integer.toString(delayMillis), line);
            display.xdotool("key", "--delay", Integer.toString(delayMillis), "Return");
            chars += line.length() + 1;
            // xdotool's delay is not a rate (it typed 16 chars/s with --delay 100 in one run): a line typed early
            // waits for the rate to catch up, so the agents never hear more than charsPerSecond on average
            long due = start + chars * 1_000_000_000L / charsPerSecond;
            long ahead = due - System.nanoTime();
            if (ahead > 0) {
                TimeUnit.NANOSECONDS.sleep(ahead);
            }
        }
        return chars;
    }
}
