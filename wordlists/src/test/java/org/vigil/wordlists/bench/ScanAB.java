package org.vigil.wordlists.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vigil.wordlists.Wordlist;

/**
 * Two builds of the matcher in one JVM (each in its own class loader), scanning the benchmark's default-lists text
 * in turn, on the thread's CPU time: a before/after of the bulk scan that the load on a shared machine moves less than
 * two benchmark runs minutes apart. Run by ab.sh; arguments: the old build's classes, the new one's, and the rounds.
 */
public final class ScanAB {
    private static final int WARM_UP = 3;

    public static void main(String[] args) throws Throwable {
        int rounds = Integer.parseInt(args[2]);
        URL[] library = libraryUrls();
        MethodHandle oldScan = scanner(Path.of(args[0]), library);
        MethodHandle newScan = scanner(Path.of(args[1]), library);
        List<String> terms = Wordlist.defaults().rules().stream()
                .map(r -> r.plainTerm().replace('~', ' ')).distinct().toList();
        String text = BenchText.defaultListsText(terms);
        double[] ratios = new double[rounds];
        double[] oldRates = new double[rounds];
        double[] newRates = new double[rounds];
        for (int round = -WARM_UP; round < rounds; round++) {
            boolean oldFirst = (round & 1) == 0;
            double first = megabytesPerSecond(oldFirst ? oldScan : newScan, text);
            double second = megabytesPerSecond(oldFirst ? newScan : oldScan, text);
            if (round >= 0) {
                oldRates[round] = oldFirst ? first : second;
                newRates[round] = oldFirst ? second : first;
                ratios[round] = newRates[round] / oldRates[round];
            }
        }
        Arrays.sort(ratios);
        Arrays.sort(oldRates);
        Arrays.sort(newRates);
        System.out.printf(Locale.ROOT, "old %.1f MB/s, new %.1f MB/s (medians); new / old per round: median %.3f "
                        + "(min %.3f, max %.3f) of %d rounds%n", oldRates[rounds / 2], newRates[rounds / 2],
                ratios[rounds / 2], ratios[0], ratios[rounds - 1], rounds);
    }

    /** The jars beside the matcher (org.ahocorasick), for each build's loader. */
    private static URL[] libraryUrls() throws Exception {
        String[] entries = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
        return Arrays.stream(entries).filter(e -> e.endsWith(".jar") && e.contains("ahocorasick"))
                .map(e -> {
                    try {
                        return Path.of(e).toUri().toURL();
                    } catch (Exception x) {
                        throw new IllegalStateException(x);
                    }
                }).toArray(URL[]::new);
    }

    /** {@code Matcher.compile(Wordlist.defaults())::scan} of the build in {@code classes}, as (CharSequence) -> List. */
    private static MethodHandle scanner(Path classes, URL[] library) throws Throwable {
        URL[] urls = Arrays.copyOf(library, library.length + 1);
        urls[library.length] = classes.toUri().toURL();
        ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        Class<?> wordlist = loader.loadClass("org.vigil.wordlists.Wordlist");
        Class<?> matcher = loader.loadClass("org.vigil.wordlists.Matcher");
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Object defaults = lookup.findStatic(wordlist, "defaults", MethodType.methodType(wordlist)).invoke();
        Object compiled = lookup.findStatic(matcher, "compile", MethodType.methodType(matcher, wordlist))
                .invoke(defaults);
        return lookup.findVirtual(matcher, "scan", MethodType.methodType(List.class, CharSequence.class))
                .bindTo(compiled);
    }

    private static double megabytesPerSecond(MethodHandle scan, String text) throws Throwable {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        List<?> hits = (List<?>) scan.invoke((CharSequence) text);
        long nanos = threads.getCurrentThreadCpuTime() - start;
        if (hits.isEmpty()) {
            throw new IllegalStateException("no hits in the benchmark's text");
        }
        return text.length() / (nanos / 1e9) / 1e6;
    }
}
