package org.vigil.console.store;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one layout every screenshot store uses, {@code <first 2 hex>/<sha256>.<jpg|png>}, and the check that what a
 * store gives back is what was put there.
 */
public final class ContentAddress {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RELATIVE_PATH = Pattern.compile("([0-9a-f]{2})/([0-9a-f]{64})\\.(jpg|png)");

    private ContentAddress() {
    }

    public static boolean isSha256(String text) {
        return SHA256_HEX.matcher(text).matches();
    }

    /**
     * {@code ab/abcd….png} for the image's hash and type.
     *
     * @throws IllegalArgumentException for anything but a lower-case SHA-256 hex digest and a JPEG or PNG type
     */
    public static String relativePath(String sha256, String mediaType) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        return sha256.substring(0, 2) + "/" + sha256 + "." + extensionOf(mediaType);
    }

    /** The SHA-256 a path made by {@link #relativePath} names, or empty for any other path. */
    public static Optional<String> sha256Of(String relativePath) {
        var match = RELATIVE_PATH.matcher(relativePath);
        return match.matches() && match.group(2).startsWith(match.group(1))
                ? Optional.of(match.group(2)) : Optional.empty();
    }

    /**
     * The bytes, if they hash to their address.
     *
     * @throws StoreException if they do not: the stored image was altered or damaged, and is not shown as evidence
     */
    public static byte[] verified(String sha256, byte[] data, String where) {
        String actual = Hashes.sha256Hex(data);
        if (!actual.equals(sha256)) {
            throw new StoreException("screenshot " + sha256 + " at " + where + " does not match its SHA-256 (its"
                    + " content hashes to " + actual + "): it was altered or damaged in the store and is not"
                    + " shown", null);
        }
        return data;
    }

    private static String extensionOf(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            default -> throw new IllegalArgumentException("unsupported screenshot type: " + mediaType);
        };
    }
}
