package org.vigil.console.store.objectstore;

/** An access key for the object store. Its {@code toString} never shows the secret. */
public record S3Credentials(String accessKeyId, String secretAccessKey) {
    public S3Credentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an S3 access key needs both its id and its secret");
        }
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
    }
}
