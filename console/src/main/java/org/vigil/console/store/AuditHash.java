package org.vigil.console.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an audit entry is sealed (ADR 0141): SHA-256 over the previous entry's hash and this entry's fields, each
 * written with its length so no two different entries give the same input. The detail enters through its own
 * SHA-256, so a detail redacted later (pupil text, once its capture is deleted) leaves the chain checkable.
 */
public final class AuditHash {
    /** The previous hash of the very first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    public static String of(String prevHash, long id, long occurredAtMillis, String actor, String action,
                            String target, String detailSha256) {
        StringBuilder input = new StringBuilder(prevHash).append('\n');
        field(input, Long.toString(id));
        field(input, Long.toString(occurredAtMillis));
        field(input, actor);
        field(input, action);
        field(input, target);
        field(input, detailSha256);
        return sha256(input.toString());
    }

    /** The SHA-256 of a detail, or null for no detail. */
    public static String ofDetail(String detail) {
        return detail == null ? null : sha256(detail);
    }

    private static void field(StringBuilder input, String value) {
        if (value == null) {
            input.append("-\n");
        } else {
            input.append(value.length()).append(':').append(value).append('\n');
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
