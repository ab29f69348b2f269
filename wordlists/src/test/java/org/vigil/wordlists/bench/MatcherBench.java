package org.vigil.wordlists.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.ahocorasick.trie.Trie;
import org.vigil.wordlists.Feed;
import org.vigil.wordlists.MatchMode;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Rule;
import org.vigil.wordlists.Wordlist;

/**
 * A runnable benchmark (not a test): compile time, retained heap, per-keystroke feed latency and bulk scan
 * throughput, for the default lists and a synthetic list of 50,000 terms, each beside plain org.ahocorasick on the
 * same terms and text in the same run. Run with wordlists/bench/run.sh; prints a Markdown table.
 */
public final class MatcherBench {
    private static final int SYNTHETIC_TERMS = 50_000;
    private static final int KEYSTROKES = 2_000_000;
    /** Rounds of the bulk comparison, each timing one scan of each (in alternating order) back to back. */
    private static final int ROUNDS = 15;

    private final BenchText generator = new BenchText();
    private final StringBuilder table = new StringBuilder();

    public static void main(String[] args) {
        new MatcherBench().run();
    }

    private void run() {
        List<String> vocabulary = generator.words(4000, 2, 9);
        Wordlist defaults = Wordlist.defaults();
        String lists = System.getProperty("bench.lists");
        Wordlist synthetic = synthetic(SYNTHETIC_TERMS);
        row("| list | terms | compile CPU (Vigil) | compile CPU (plain AC) | retained (Vigil) | retained (plain AC) "
                + "| keystroke median | keystroke p99 | keystroke p99.9 | plain AC 256-char rescan median / p99 "
                + "| scan MB/s (Vigil) | parseText MB/s (plain AC) | scan / parseText, median (min-max) of "
                + ROUNDS + " rounds | tables (Vigil) |");
        row("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        measure("default", defaults, vocabulary);
        if (lists != null) {
            measure(lists, load(Path.of(lists)), vocabulary);
        }
        if (!Boolean.getBoolean("bench.defaultOnly")) {
            measure("synthetic 50k", synthetic, vocabulary);
        }
        System.out.print(table);
    }

    private void measure(String name, Wordlist wordlist, List<String> vocabulary) {
        List<String> terms = wordlist.rules().stream().map(r -> r.plainTerm().replace('~', ' ')).distinct().toList();
        String text = generator.text(vocabulary, terms, BenchText.TEXT_CHARS);
        double compileVigil = medianMillis(() -> Matcher.compile(wordlist), 7);
        double compilePlain = medianMillis(() -> plainTrie(terms), 7);
        long retainedVigil = retained(() -> Matcher.compile(wordlist));
        long retainedPlain = retained(() -> plainTrie(terms));
        Matcher matcher = Matcher.compile(wordlist);
        long[] keystroke = keystrokes(matcher.newFeed(), text);
        long[] rescan = rescans(plainTrie(terms), text);
        Trie trie = plainTrie(terms);
        Bulk bulk = interleaved(() -> matcher.scan(text), () -> trie.parseText(text), text.length(), ROUNDS);
        row(String.format(Locale.ROOT, "| %s | %,d | %.0f ms | %.0f ms | %.1f MB | %.1f MB | %d ns | %d ns | %d ns "
                        + "| %d / %d ns | %.1f | %.1f | %.2fx (%.2f-%.2f) | %.1f MB |", name, wordlist.rules().size(),
                compileVigil, compilePlain, retainedVigil / 1e6, retainedPlain / 1e6, percentile(keystroke, 50),
                percentile(keystroke, 99), percentile(keystroke, 99.9), percentile(rescan, 50), percentile(rescan, 99),
                bulk.oursMegabytesPerSecond(), bulk.plainMegabytesPerSecond(), bulk.medianRatio(), bulk.minRatio(),
                bulk.maxRatio(), matcher.tableBytes() / 1e6));
    }

    private static Wordlist load(Path folder) {
        try {
            return Wordlist.load(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void row(String line) {
        table.append(line).append('\n');
    }

    private static Trie plainTrie(List<String> terms) {
        return Trie.builder().ignoreCase().onlyWholeWords().addKeywords(terms).build();
    }

    /** Nanoseconds per {@link Feed#type}, char by char through the text; a line ends at each '.'. */
    private static long[] keystrokes(Feed feed, String text) {
        long[] samples = new long[KEYSTROKES];
        int hits = 0;
        for (int round = 0; round < 2; round++) {
            int at = 0;
            for (int i = 0; i < KEYSTROKES; i++) {
                char c = text.charAt(at++ % text.length());
                long start = System.nanoTime();
                hits += feed.type(c).size();
                samples[i] = System.nanoTime() - start;
                if (c == '.') {
                    hits += feed.finishLine().size();
                    feed.clear();
                }
            }
        }
        if (hits < 0) {
            throw new AssertionError();
        }
        Arrays.sort(samples);
        return samples;
    }

    /** What a naive agent would do: re-scan the last 256 typed chars with plain parseText on every keystroke. */
    private static long[] rescans(Trie trie, String text) {
        int count = 200_000;
        long[] samples = new long[count];
        int found = 0;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < count; i++) {
                int end = 256 + (i * 7) % (text.length() - 256);
                String window = text.substring(end - 256, end);
                long start = System.nanoTime();
                found += trie.parseText(window).size();
                samples[i] = System.nanoTime() - start;
            }
        }
        if (found < 0) {
            throw new AssertionError();
        }
        Arrays.sort(samples);
        return samples;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** Median CPU time of this thread: wall time on a shared machine says more about the neighbours. */
    private static double medianMillis(Supplier<?> work, int runs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] millis = new double[runs];
        work.get();
        for (int i = 0; i < runs; i++) {
            long start = threads.getCurrentThreadCpuTime();
            blackhole(work.get());
            millis[i] = (threads.getCurrentThreadCpuTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }

    /** The bulk comparison: median rates of each and the ratio of ours to plain per round, median and range. */
    record Bulk(double oursMegabytesPerSecond, double plainMegabytesPerSecond, double medianRatio, double minRatio,
                double maxRatio) {
    }

    /**
     * {@code rounds} rounds after two warm-up rounds; each times one run of each back to back (which goes first
     * alternates), so load from other processes falls on both in the same seconds. The ratio is taken per round and
     * the median reported with the lowest and highest, so one unlucky round moves neither. Chars are counted as
     * bytes (the text is ASCII).
     */
    static Bulk interleaved(Supplier<?> ours, Supplier<?> plain, int chars, int rounds) {
        double[] oursRates = new double[rounds];
        double[] plainRates = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = -2; round < rounds; round++) {
            boolean oursFirst = (round & 1) == 0;
            double first = megabytesPerSecond(oursFirst ? ours : plain, chars);
            double second = megabytesPerSecond(oursFirst ? plain : ours, chars);
            if (round >= 0) {
                oursRates[round] = oursFirst ? first : second;
                plainRates[round] = oursFirst ? second : first;
                ratios[round] = oursRates[round] / plainRates[round];
            }
        }
        Arrays.sort(oursRates);
        Arrays.sort(plainRates);
        Arrays.sort(ratios);
        return new Bulk(oursRates[rounds / 2], plainRates[rounds / 2], ratios[rounds / 2], ratios[0],
                ratios[rounds - 1]);
    }

    /**
     * On this thread's CPU time, not wall time: on a machine shared with other builds, wall time counts the moments
     * the thread waited for a core, which fall on either side at random.
     */
    private static double megabytesPerSecond(Supplier<?> work, int chars) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        blackhole(work.get());
        return chars / ((threads.getCurrentThreadCpuTime() - start) / 1e9) / 1e6;
    }

    private static int sink;

    private static void blackhole(Object o) {
        sink += System.identityHashCode(o) & 1;
    }

    /**
     * Heap still in use after a full GC while built copies are held, minus before, per copy: four copies, or one
     * when four would take more than half the heap (the 50k list's matcher retains about 270 MB: four of them were
     * what ran the benchmark out of its 1 GB).
     */
    private static long retained(Supplier<?> build) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        settle(memory);
        long before = memory.getHeapMemoryUsage().getUsed();
        Object first = build.get();
        settle(memory);
        long one = memory.getHeapMemoryUsage().getUsed() - before;
        Object[] held = new Object[4 * one < Runtime.getRuntime().maxMemory() / 2 ? 4 : 1];
        held[0] = first;
        for (int i = 1; i < held.length; i++) {
            held[i] = build.get();
        }
        settle(memory);
        long after = memory.getHeapMemoryUsage().getUsed();
        blackhole(held);
        return (after - before) / held.length;
    }

    private static void settle(MemoryMXBean memory) {
        for (int i = 0; i < 4; i++) {
            memory.gc();
        }
    }

    private Wordlist synthetic(int count) {
        Set<String> terms = new LinkedHashSet<>(generator.words(count * 2, 4, 12));
        List<Rule> rules = new ArrayList<>();
        int line = 0;
        for (String term : terms) {
            if (rules.size() == count) {
                break;
            }
            line++;
            MatchMode mode = line % 10 == 0 ? MatchMode.WORD_PREFIX : MatchMode.WHOLE_WORD;
            String written = line % 7 == 0 ? term + " " + terms.iterator().next() : term;
            rules.add(new Rule("synthetic.txt", line, "synthetic", 1 + line % 5, written, mode, List.of()));
        }
        return new Wordlist(rules);
    }
}
