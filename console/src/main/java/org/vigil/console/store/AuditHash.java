package org.vigil.console.store;

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
        return Hashes.sha256Hex(input.toString());
    }

    /** The SHA-256 of a detail, or null for no detail. */
    public static String ofDetail(String detail) {
        return detail == null ? null : Hashes.sha256Hex(detail);
    }

    private static void field(StringBuilder input, String value) {
        if (value == null) {
            input.append("-\n");
        } else {
            input.append(value.length()).append(':').append(value).append('\n');
        }
    }
}
