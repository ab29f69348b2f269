package org.vigil.console.auth;

import java.util.Locale;
import java.util.Optional;
import org.vigil.console.request.InvalidRequest;

/**
 * A staff email address as the console keeps it: trimmed, with the domain in lower case. The check is deliberately
 * plain (one @, a dotted domain, nothing invisible), not RFC 5322: it catches typing mistakes, and the mail server
 * has the last word.
 */
public final class EmailAddress {
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final String NOT_IN_ADDRESS = "<>()[]\\,;:\"";

    private EmailAddress() {
    }

    /**
     * The address as typed, or none for a blank field.
     *
     * @throws InvalidRequest if the text is not blank and not an address
     */
    public static Optional<String> parseOptional(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parse(typed));
    }

    /**
     * The address, trimmed and with its domain in lower case.
     *
     * @throws InvalidRequest if it is not an address
     */
    public static String parse(String typed) {
        String address = typed == null ? "" : typed.strip();
        if (address.isEmpty()) {
            throw new InvalidRequest("Give an email address.");
        }
        if (address.length() > MAX_LENGTH) {
            throw new InvalidRequest("An email address is at most " + MAX_LENGTH + " characters.");
        }
        if (address.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw refused(address, "it may not contain spaces or invisible characters.");
        }
        // what a paste from a mail client brings along ("<jane@school.org>", "a@b.org; c@d.org")
        if (address.chars().anyMatch(c -> NOT_IN_ADDRESS.indexOf(c) >= 0)) {
            throw refused(address, "give one plain address, without < > ( ) [ ] \\ , ; : or quotes.");
        }
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            throw refused(address, "it needs exactly one @.");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.isEmpty() || local.length() > MAX_LOCAL_LENGTH) {
            throw refused(address, "it needs 1 to " + MAX_LOCAL_LENGTH + " characters before the @.");
        }
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            throw refused(address, "the part after the @ must be a domain such as school.org.uk.");
        }
        return local + "@" + domain;
    }

    private static InvalidRequest refused(String address, String why) {
        return new InvalidRequest("\"" + address + "\" is not an email address: " + why);
    }
}
