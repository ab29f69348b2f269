package org.vigil.wordlists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A whole set of category files as text (file name to content), as the console stores and pushes it. Its
 * {@link #version()} is the SHA-256 of its {@link #encode() canonical encoding}, so the same lists always have the
 * same version wherever they were written. Line ends are normalised to {@code \n}; nothing else about the text
 * changes, so comments and disabled (commented-out) entries survive a round trip.
 */
public record WordlistBundle(SortedMap<String, String> files) {
    private static final String HEADER = "vigil-wordlist-bundle 1\n";
    private static final String SOURCE = "bundle";

    public WordlistBundle {
        SortedMap<String, String> copy = new TreeMap<>();
        files.forEach((name, text) -> copy.put(name, normaliseLineEnds(text)));
        files = Collections.unmodifiableSortedMap(copy);
    }

    public static WordlistBundle of(Map<String, String> files) {
        return new WordlistBundle(new TreeMap<>(files));
    }

    /** The lists Vigil ships, as text. */
    public static WordlistBundle defaults() {
        try {
            return of(WordlistLoader.defaultTexts());
        } catch (IOException e) {
            throw new UncheckedIOException("the default wordlists are missing from the jar", e);
        }
    }

    /**
     * Parses every category file with the real parser (group files are not lists of their own: see
     * {@link #forGroup}).
     *
     * @throws WordlistFormatException naming the file and line of the first entry that cannot be used; when lines
     *                                 are at fault it is a {@link WordlistProblems} listing all of them
     */
    public Wordlist wordlist() {
        SortedMap<String, String> categories = categoryFiles().files();
        if (categories.isEmpty()) {
            throw new WordlistFormatException(SOURCE, 0, "the bundle holds no wordlist file");
        }
        for (String name : files.keySet()) {
            if (name.indexOf('/') >= 0 && GroupOverrides.groupOf(name).isEmpty()) {
                throw new WordlistFormatException(name, 0, "only group files (groups/<id>.txt) may sit in a folder");
            }
        }
        return WordlistLoader.fromTexts(categories);
    }

    /** The category files alone: what a device outside any group matches with. */
    public WordlistBundle categoryFiles() {
        SortedMap<String, String> categories = new TreeMap<>(files);
        categories.keySet().removeIf(name -> name.indexOf('/') >= 0);
        return new WordlistBundle(categories);
    }

    /** The ids of the groups this bundle has a file for. */
    public SortedSet<String> groups() {
        SortedSet<String> groups = new TreeSet<>();
        files.keySet().forEach(name -> GroupOverrides.groupOf(name).ifPresent(groups::add));
        return groups;
    }

    /**
     * What a group changes, read from its file.
     *
     * @throws WordlistFormatException if the file cannot be used; an empty result if there is no such group
     */
    public Optional<GroupOverrides> overrides(String group) {
        String name = GroupOverrides.fileName(group);
        return Optional.ofNullable(files.get(name)).map(text -> GroupOverrides.parse(name, text, wordlist()));
    }

    /**
     * The lists a device in this group matches with; a device in no group, or in a group this bundle has no file
     * for, gets the category files as they are.
     */
    public WordlistBundle forGroup(Optional<String> group) {
        return group.flatMap(this::overrides).map(overrides -> overrides.applyTo(categoryFiles()))
                .orElseGet(this::categoryFiles);
    }

    /**
     * A file's bytes as text: strict UTF-8 (a leading byte order mark is dropped), bounded to 16 MB.
     *
     * @throws WordlistFormatException naming the line of the first invalid byte, or the size
     */
    public static String decodeFile(String file, byte[] bytes) {
        if (bytes.length > WordlistLoader.MAX_FILE_BYTES) {
            throw new WordlistFormatException(file, 0, "the file is larger than "
                    + WordlistLoader.MAX_FILE_BYTES / (1024 * 1024) + " MB");
        }
        String text = WordlistLoader.decodeStrictly(file, bytes);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A copy with one file added or replaced. */
    public WordlistBundle with(String file, String text) {
        SortedMap<String, String> changed = new TreeMap<>(files);
        changed.put(file, text);
        return new WordlistBundle(changed);
    }

    /** A copy without one file. */
    public WordlistBundle without(String file) {
        SortedMap<String, String> changed = new TreeMap<>(files);
        changed.remove(file);
        return new WordlistBundle(changed);
    }

    /** The content hash that names this set of lists. */
    public String version() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encode().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** One string: a header line, then per file (in name order) {@code name length\n} and exactly length chars. */
    public String encode() {
        StringBuilder out = new StringBuilder(HEADER);
        files.forEach((name, text) -> out.append(name).append(' ').append(text.length()).append('\n').append(text));
        return out.toString();
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws WordlistFormatException if the text is not a bundle
     */
    public static WordlistBundle decode(String encoded) {
        if (!encoded.startsWith(HEADER)) {
            throw new WordlistFormatException(SOURCE, 1, "not a wordlist bundle (expected '" + HEADER.strip() + "')");
        }
        SortedMap<String, String> files = new TreeMap<>();
        int at = HEADER.length();
        while (at < encoded.length()) {
            int lineEnd = encoded.indexOf('\n', at);
            int space = lineEnd < 0 ? -1 : encoded.lastIndexOf(' ', lineEnd);
            if (lineEnd < 0 || space < at) {
                throw new WordlistFormatException(SOURCE, 0, "a file header is cut short at character " + at);
            }
            String name = encoded.substring(at, space);
            int length = parseLength(encoded.substring(space + 1, lineEnd), at);
            int start = lineEnd + 1;
            if (start + length > encoded.length() || files.containsKey(name)) {
                throw new WordlistFormatException(SOURCE, 0, "file " + name + " is cut short or repeated");
            }
            files.put(name, encoded.substring(start, start + length));
            at = start + length;
        }
        return new WordlistBundle(files);
    }

    private static int parseLength(String field, int at) {
        try {
            int length = Integer.parseInt(field);
            if (length < 0) {
                throw new NumberFormatException(field);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new WordlistFormatException(SOURCE, 0, "a file length is not a number at character " + at);
        }
    }

    private static String normaliseLineEnds(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
