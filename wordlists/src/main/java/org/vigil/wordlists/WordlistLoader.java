package org.vigil.wordlists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds category files on the classpath or in a folder and parses them. */
final class WordlistLoader {
    static final String DEFAULTS = "/org/vigil/wordlists/default/";
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private WordlistLoader() {
    }

    static Wordlist fromClasspath() throws IOException {
        return fromTexts(defaultTexts());
    }

    /** The default category files as text, by file name, in index order. */
    static Map<String, String> defaultTexts() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String file : readIndex()) {
            try (InputStream in = WordlistLoader.class.getResourceAsStream(DEFAULTS + file)) {
                if (in == null) {
                    throw new IOException("index.txt names " + file + " but the jar does not hold it");
                }
                texts.put(file, decodeStrictly(file, readBounded(file, in)));
            }
        }
        return texts;
    }

    /**
     * Parses category files held as text (file name to content).
     *
     * @throws WordlistProblems listing the problems of every file
     */
    static Wordlist fromTexts(Map<String, String> texts) {
        List<Rule> rules = new ArrayList<>();
        WordlistProblems.Collector problems = new WordlistProblems.Collector();
        texts.forEach((file, text) -> {
            try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
                rules.addAll(WordlistParser.parse(file, reader));
            } catch (WordlistFormatException e) {
                problems.add(e);
            } catch (IOException e) {
                throw new UncheckedIOException("reading a string failed", e);
            }
        });
        problems.throwIfAny();
        return new Wordlist(rules);
    }

    static Wordlist fromFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no *.txt wordlist files in " + folder);
        }
        List<Rule> rules = new ArrayList<>();
        WordlistProblems.Collector problems = new WordlistProblems.Collector();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                rules.addAll(parse(file.getFileName().toString(), in));
            } catch (WordlistFormatException e) {
                problems.add(e);
            }
        }
        problems.throwIfAny();
        return new Wordlist(rules);
    }

    private static List<String> readIndex() throws IOException {
        try (InputStream in = WordlistLoader.class.getResourceAsStream(DEFAULTS + "index.txt")) {
            if (in == null) {
                throw new IOException("no index.txt under " + DEFAULTS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }

    /** Strict UTF-8: a file with invalid bytes is refused with the line, not read with replacement characters. */
    private static List<Rule> parse(String file, InputStream in) throws IOException {
        String text = decodeStrictly(file, readBounded(file, in));
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            return WordlistParser.parse(file, reader);
        }
    }

    private static byte[] readBounded(String file, InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new WordlistFormatException(file, 0, "the file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
        }
        return bytes;
    }

    static String decodeStrictly(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(buffer).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < buffer.position() && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new WordlistFormatException(file, line, "the file is not valid UTF-8");
        }
    }
}
