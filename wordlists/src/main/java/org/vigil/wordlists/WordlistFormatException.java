package org.vigil.wordlists;

/** A wordlist file that cannot be used, with where and why. */
public class WordlistFormatException extends IllegalArgumentException {
    private final String source;
    private final int line;
    private final String reason;

    public WordlistFormatException(String source, int line, String reason) {
        this(source, line, reason, source + ":" + line + ": " + reason);
    }

    /** For subclasses whose message says more than the one problem they name. */
    protected WordlistFormatException(String source, int line, String reason, String message) {
        super(message);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    /** Why, without where. */
    public String reason() {
        return reason;
    }
}
