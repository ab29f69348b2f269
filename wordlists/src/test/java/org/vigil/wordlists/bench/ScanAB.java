package org.vigil.wordlists.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vigil.wordlists.Wordlist;

/**
 * Two builds of the matcher in one JVM (each in its own class loader), scanning the benchmark's default-lists text
 * in turn, on the thread's CPU time ({@link MatcherBench#interleaved}): a before/after of the bulk scan that the load on a shared machine moves less than
 * two benchmark runs minutes apart. Run by ab.sh; arguments: the old build's classes, the new one's, and the rounds.
 */
public final class ScanAB {
    public static void main(String[] args) throws Throwable {
        int rounds = Integer.parseInt(args[2]);
        URL[] library = libraryUrls();
        MethodHandle oldScan = scanner(Path.of(args[0]), library);
        MethodHandle newScan = scanner(Path.of(args[1]), library);
        List<String> terms = Wordlist.defaults().rules().stream()
                .map(r -> r.plainTerm().replace('~', ' ')).distinct().toList();
        String text = BenchText.defaultListsText(terms);
        MatcherBench.Bulk bulk = MatcherBench.interleaved(() -> scan(newScan, text), () -> scan(oldScan, text),
                text.length(), rounds);
        System.out.printf(Locale.ROOT, "old %.1f MB/s, new %.1f MB/s (medians); new / old per round: median %.3f "
                        + "(min %.3f, max %.3f) of %d rounds%n", bulk.plainMegabytesPerSecond(),
                bulk.oursMegabytesPerSecond(), bulk.medianRatio(), bulk.minRatio(), bulk.maxRatio(), rounds);
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

    private static List<?> scan(MethodHandle scan, String text) {
        try {
            List<?> hits = (List<?>) scan.invoke((CharSequence) text);
            if (hits.isEmpty()) {
                throw new IllegalStateException("no hits in the benchmark's text");
            }
            return hits;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
