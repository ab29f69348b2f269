package org.vigil.wordlists.eval.corpora;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which part a line belongs to, from a hash of its text alone: the same text always lands in the same part, whatever
 * the order or version of the data set, and a repeated text never sits on both sides. 7 in 10 lines are for
 * development, 3 in 10 held out.
 */
enum Split {
    DEV("dev"), HELD_OUT("heldout");

    final String suffix;

    Split(String suffix) {
        this.suffix = suffix;
    }

    static Split of(String text) {
        byte[] hash = sha256(text.getBytes(StandardCharsets.UTF_8));
        long value = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
        return value % 10 < 7 ? DEV : HELD_OUT;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
