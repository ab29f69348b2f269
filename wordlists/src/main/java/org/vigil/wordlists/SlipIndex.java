package org.vigil.wordlists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.wordlists.typo.Misspelling;
import org.vigil.wordlists.typo.Typos;

/**
 * The one-slip misspellings of the long words of the entries that take them (docs/adr/0164), kept as 64-bit hashes
 * of their char classes, so that the tracker can ask at each word end, without allocating, whether the word just
 * typed is a slip of a listed word. The automaton is not grown: a confirmed slip re-steps it through the listed word.
 * <p>A variant is left out when it is an English word (a prefix variant: when an English word starts with it), or
 * when it is a word some entry lists or excepts in its own right. Whole-word variants and prefix variants (the last
 * word of a prefix entry, "overdso" of {@code overdos*}) are hashed apart. In front of the table sits a bit filter
 * of 32 KB for the default lists (three bits a key), so almost every typed word costs three reads of cached lines.
 */
final class SlipIndex {
    static final SlipIndex NONE = new SlipIndex(new long[1], 0, new long[1], new int[1], new String[0], 0, 0, 0, 0,
            PrefixStarts.NONE);
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final long PREFIX_SALT = 0x5BD1E9955BD1E995L;

    private final long[] filter;
    private final int filterMask;
    private final long[] keys;
    private final int[] words;
    private final String[] listed;
    private final int slotMask;
    final int shortest;
    final int longest;
    final int shortestPrefix;
    final int longestPrefix;
    /** The first two char classes of every prefix variant kept: most typed words start with neither pair. */
    final PrefixStarts prefixStarts;

    private SlipIndex(long[] filter, int filterMask, long[] keys, int[] words, String[] listed, int shortest,
                      int longest, int shortestPrefix, int longestPrefix, PrefixStarts prefixStarts) {
        this.prefixStarts = prefixStarts;
        this.filter = filter;
        this.filterMask = filterMask;
        this.keys = keys;
        this.words = words;
        this.listed = listed;
        this.slotMask = keys.length - 1;
        this.shortest = shortest;
        this.longest = longest;
        this.shortestPrefix = shortestPrefix;
        this.longestPrefix = longestPrefix;
    }

    /** The running hash of a word's char classes, one char class more. */
    static long step(long hash, int cls) {
        return (hash + cls + 1) * MULTIPLIER;
    }

    /** The key a whole typed word of that running hash is looked up by (never 0, the empty slot). */
    static long wordKey(long hash) {
        long key = (hash ^ (hash >>> 33)) * 0xFF51AFD7ED558CCDL;
        key = (key ^ (key >>> 33)) * 0xC4CEB9FE1A85EC53L;
        key ^= key >>> 33;
        return key == 0 ? 1 : key;
    }

    /** The key the start of a typed word of that running hash is looked up by among prefix variants. */
    static long prefixKey(long hash) {
        return wordKey(hash ^ PREFIX_SALT);
    }

    boolean isEmpty() {
        return listed.length == 0;
    }

    /** False when no variant has this key; true when one may have (then {@link #find} says). One cached read. */
    boolean mayHold(long key) {
        int a = (int) (key >>> 40) & filterMask;
        int b = (int) (key >>> 20) & filterMask;
        int c = (int) Long.rotateLeft(key, 7) & filterMask;
        return (filter[a >>> 6] & (1L << a)) != 0 && (filter[b >>> 6] & (1L << b)) != 0
                && (filter[c >>> 6] & (1L << c)) != 0;
    }

    /**
     * The next slot at or after {@code from} (-1: from the key's own slot) along the key's probe run that holds the
     * key, or -1. A key can sit in several slots, one per listed word it is a slip of.
     */
    int find(long key, int from) {
        int slot = from < 0 ? (int) key & slotMask : from & slotMask;
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                return slot;
            }
            slot = (slot + 1) & slotMask;
        }
        return -1;
    }

    /** The listed word (folded letters) whose slip is kept in {@code slot}. */
    String word(int slot) {
        return listed[words[slot]];
    }

    /** Variants kept, for the CLI and benchmarks. */
    int size() {
        int size = 0;
        for (long key : keys) {
            size += key != 0 ? 1 : 0;
        }
        return size;
    }

    long footprintBytes() {
        return 8L * (filter.length + keys.length) + 4L * words.length + prefixStarts.footprintBytes();
    }

    /**
     * The variants a wordlist asks for, before the English words are known: for every rule that
     * {@link Rule#toleratesTypos() tolerates typos}, the one-slip misspellings of its words of six or more letters,
     * each with the listed words it may stand for. The last word of a prefix entry gives prefix variants.
     */
    record Candidates(Map<String, Set<String>> whole, Map<String, Set<String>> prefix) {
        static Candidates of(List<Rule> rules) {
            Map<String, Set<String>> whole = new HashMap<>();
            Map<String, Set<String>> prefix = new HashMap<>();
            for (Rule rule : rules) {
                if (!rule.toleratesTypos()) {
                    continue;
                }
                String[] termWords = rule.plainTerm().split(" ");
                for (int w = 0; w < termWords.length; w++) {
                    boolean last = rule.mode() == MatchMode.WORD_PREFIX && w == termWords.length - 1;
                    for (Misspelling slip : Typos.of(termWords[w])) {
                        (last ? prefix : whole).computeIfAbsent(slip.typed(), t -> new LinkedHashSet<>())
                                .add(slip.word());
                    }
                }
            }
            return new Candidates(whole, prefix);
        }

        /**
         * The words to ask the English list about: every whole variant, and each one ending in "in" with its g put
         * back, since pupils drop the g of any -ing word ("shittin" is "shitting" as said, docs/adr/0210).
         */
        Set<String> wordsToAsk() {
            Set<String> ask = new HashSet<>(whole.keySet());
            for (String typed : whole.keySet()) {
                if (typed.endsWith("in")) {
                    ask.add(typed + "g");
                }
            }
            return ask;
        }
    }

    /**
     * The listed words a whole variant may stand for: none when it is an English -ing word with its g dropped, other
     * than a listed word's own ("shittin" is no slip of "shottin", "cuttin" still reads as "cutting").
     */
    private static Set<String> standsFor(String typed, Set<String> listedWords, Set<String> english) {
        String withG = typed + "g";
        if (!typed.endsWith("in") || !english.contains(withG)) {
            return listedWords;
        }
        return listedWords.contains(withG) ? Set.of(withG) : Set.of();
    }

    /**
     * The index of the candidates that are neither English ({@code english}: the whole variants that are words and
     * the prefix variants that start one) nor a word some entry lists or excepts ({@code claimed}).
     */
    static SlipIndex build(Candidates candidates, Set<String> english, Set<String> claimed, Automaton automaton) {
        Map<String, Integer> listedIds = new LinkedHashMap<>();
        List<long[]> entries = new ArrayList<>();
        PrefixStarts.Builder prefixStarts = new PrefixStarts.Builder(automaton.classes());
        int[] lengths = {Integer.MAX_VALUE, 0, Integer.MAX_VALUE, 0};
        for (int kind = 0; kind < 2; kind++) {
            boolean prefix = kind == 1;
            for (Map.Entry<String, Set<String>> variant : (prefix ? candidates.prefix() : candidates.whole()).entrySet()) {
                String typed = variant.getKey();
                // the tracker marks prefix lengths in an int's bits
                Set<String> listedWords = prefix ? variant.getValue() : standsFor(typed, variant.getValue(), english);
                if (english.contains(typed) || claimed.contains(typed) || (prefix && typed.length() > 30)
                        || listedWords.isEmpty()) {
                    continue;
                }
                long hash = 0;
                for (int i = 0; i < typed.length(); i++) {
                    hash = step(hash, automaton.classOfFolded(typed.charAt(i)));
                }
                long key = prefix ? prefixKey(hash) : wordKey(hash);
                if (prefix) {
                    prefixStarts.add(typed, automaton);
                }
                for (String word : listedWords) {
                    Integer id = listedIds.computeIfAbsent(word, w -> listedIds.size());
                    entries.add(new long[] {key, id});
                }
                lengths[2 * kind] = Math.min(lengths[2 * kind], typed.length());
                lengths[2 * kind + 1] = Math.max(lengths[2 * kind + 1], typed.length());
            }
        }
        if (entries.isEmpty()) {
            return NONE;
        }
        for (int k = 0; k < 4; k += 2) {
            if (lengths[k] > lengths[k + 1]) {
                lengths[k] = 0;
            }
        }
        return fill(entries, listedIds.keySet().toArray(new String[0]), lengths, prefixStarts.build());
    }

    private static SlipIndex fill(List<long[]> entries, String[] listed, int[] lengths, PrefixStarts prefixStarts) {
        int slots = Integer.highestOneBit(Math.max(16, entries.size() * 2 - 1)) << 1;
        // three bits a key in about 20 bits a key: one typed word in a few hundred gets past it without being a slip
        int filterBits = Integer.highestOneBit(Math.max(64, entries.size() * 16 - 1)) << 1;
        long[] keys = new long[slots];
        int[] words = new int[slots];
        long[] filter = new long[filterBits / 64];
        for (long[] entry : entries) {
            long key = entry[0];
            int slot = (int) key & (slots - 1);
            while (keys[slot] != 0) {
                slot = (slot + 1) & (slots - 1);
            }
            keys[slot] = key;
            words[slot] = (int) entry[1];
            for (int bit : new int[] {(int) (key >>> 40), (int) (key >>> 20), (int) Long.rotateLeft(key, 7)}) {
                bit &= filterBits - 1;
                filter[bit >>> 6] |= 1L << bit;
            }
        }
        return new SlipIndex(filter, filterBits - 1, keys, words, listed, lengths[0], lengths[1], lengths[2],
                lengths[3], prefixStarts);
    }

}
