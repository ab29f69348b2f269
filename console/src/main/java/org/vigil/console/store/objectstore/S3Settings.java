package org.vigil.console.store.objectstore;

import java.net.URI;
import java.util.Optional;

/**
 * Where and how screenshots are kept in an S3-compatible store.
 *
 * @param location             bucket and key prefix
 * @param endpoint             the server's address ({@code --s3-endpoint}); empty for Amazon S3 itself. Given, keys
 *                             are addressed path-style ({@code http://host/bucket/key}), which every S3-compatible
 *                             server understands
 * @param region               the signing region ({@code us-east-1} unless told; most compatible servers ignore it)
 * @param serverSideEncryption {@code AES256} or {@code aws:kms} to ask the store to encrypt each object at rest;
 *                             empty to leave it to the bucket's default
 */
public record S3Settings(S3Location location, Optional<URI> endpoint, String region,
                         Optional<String> serverSideEncryption) {
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        if (location == null) {
            throw new IllegalArgumentException("an S3 location is needed");
        }
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        endpoint.ifPresent(S3Settings::checkEndpoint);
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
        serverSideEncryption = serverSideEncryption == null ? Optional.empty()
                : serverSideEncryption.map(String::strip).filter(sse -> !sse.isEmpty());
        serverSideEncryption.ifPresent(sse -> {
            if (!sse.equals("AES256") && !sse.equals("aws:kms")) {
                throw new IllegalArgumentException("--s3-sse must be AES256 or aws:kms, got " + sse);
            }
        });
    }

    /**
     * Parses {@code --s3-endpoint}.
     *
     * @throws IllegalArgumentException unless it is an http(s) address with a host and nothing after the port
     */
    public static URI endpoint(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--s3-endpoint " + text + " is not a URL");
        }
        checkEndpoint(uri);
        return uri;
    }

    private static void checkEndpoint(URI uri) {
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getUserInfo() != null || uri.getRawQuery() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("--s3-endpoint must be the server's http:// or https:// address,"
                    + " e.g. https://s3.trust.example:9000, got " + uri);
        }
    }

    /** For logs: where, never with credentials. */
    public String describe() {
        return location + endpoint.map(uri -> " at " + uri).orElse(" on Amazon S3 (" + region + ")");
    }
}
