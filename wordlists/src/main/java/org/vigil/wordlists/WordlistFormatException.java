package org.vigil.wordlists;

/** A wordlist file that cannot be used, with where and why. */
public class WordlistFormatException extends IllegalArgumentException {
    private final String source;
    private final int line;

    public WordlistFormatException(String source, int line, String reason) {
        super(source + ":" + line + ": " + reason);
        this.source = source;
        this.line = line;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
