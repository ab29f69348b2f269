package org.vigil.console.store.objectstore;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * {@code s3://bucket/prefix}: the bucket the screenshots go in and the key prefix they share (empty for the bucket's
 * root).
 */
public record S3Location(String bucket, String prefix) {
    /** S3's bucket naming rules, which S3-compatible servers follow too. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()/-]*");

    public S3Location {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not an S3 bucket name: " + bucket + " (3 to 63 lower-case letters,"
                    + " digits, dots and hyphens)");
        }
        prefix = prefix == null ? "" : stripSlashes(prefix);
        if (!PREFIX.matcher(prefix).matches() || prefix.contains("//")) {
            throw new IllegalArgumentException("not a usable key prefix: " + prefix + " (letters, digits and"
                    + " !_.*'()/- only)");
        }
    }

    /**
     * Parses {@code s3://bucket} or {@code s3://bucket/prefix}.
     *
     * @throws IllegalArgumentException with what is wrong, for anything else
     */
    public static S3Location parse(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--screenshots " + text + " is not s3://bucket/prefix");
        }
        String authority = uri.getRawAuthority();
        if (authority != null && authority.contains("@")) {
            throw new IllegalArgumentException("--screenshots " + text + ": credentials go in "
                    + S3Environment.ACCESS_KEY_ENV + " and " + S3Environment.SECRET_KEY_ENV + " or a credentials"
                    + " file, never in the address");
        }
        if (!"s3".equals(uri.getScheme()) || authority == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("--screenshots " + text + " is not s3://bucket/prefix");
        }
        return new S3Location(authority, uri.getPath());
    }

    /** The object key for a path relative to the prefix. */
    String key(String relativePath) {
        return prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
    }

    /** What listing starts with: the prefix and its slash, or nothing. */
    String listPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static String stripSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
