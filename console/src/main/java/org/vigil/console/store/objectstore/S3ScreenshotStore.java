package org.vigil.console.store.objectstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.vigil.console.store.ContentAddress;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.StoreException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Screenshots as objects in an S3-compatible store (ADR 0174), under the same content address as the file store:
 * {@code <prefix>/<first 2 hex>/<sha256>.<jpg|png>}. A PUT is atomic (an object is there whole or not at all) and
 * acknowledged by the server only once stored, so {@link #put} returning means the image is durable before the
 * capture's row commits and the agent is acked. Each object carries the time it was last stored in the metadata
 * {@value #STORED_AT}, on the console's clock, which is what retention compares: storing the same image again
 * refreshes it with a server-side copy, not a second upload.
 */
public final class S3ScreenshotStore implements ScreenshotStore {
    /** User metadata (sent as {@code x-amz-meta-vigil-stored-at}): epoch milliseconds of the last put. */
    static final String STORED_AT = "vigil-stored-at";

    private final S3Client s3;
    private final S3Settings settings;

    S3ScreenshotStore(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /**
     * A client for the store, checked once: the bucket exists and these credentials may use it.
     *
     * @param credentials empty to use the SDK's usual chain (an instance or task role on Amazon's own machines)
     * @throws IllegalStateException in one line, if the endpoint cannot be reached, refuses the credentials, or has
     *                               no such bucket
     */
    public static S3ScreenshotStore open(S3Settings settings, Optional<S3Credentials> credentials) {
        AwsCredentialsProvider provider = provider(settings, credentials);
        S3ScreenshotStore store = new S3ScreenshotStore(client(settings, provider), settings);
        try {
            store.checkBucket();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The key given, else the SDK's chain (an instance role), which must find one now. */
    private static AwsCredentialsProvider provider(S3Settings settings, Optional<S3Credentials> credentials) {
        if (credentials.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.get().accessKeyId(),
                    credentials.get().secretAccessKey()));
        }
        AwsCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        try {
            chain.resolveCredentials();
            return chain;
        } catch (SdkClientException e) {
            throw new IllegalStateException("no credentials for the object store " + settings.describe() + ": set "
                    + S3Environment.ACCESS_KEY_ENV + " and " + S3Environment.SECRET_KEY_ENV + ", or put them in "
                    + "an owner-only " + S3Environment.CREDENTIALS_FILE + " in the data directory (or the file "
                    + S3Environment.CREDENTIALS_FILE_ENV + " names)", e);
        }
    }

    private static S3Client client(S3Settings settings, AwsCredentialsProvider provider) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .region(Region.of(settings.region()))
                .credentialsProvider(provider)
                // S3-compatible servers do not all know the newer trailing checksums; integrity is Content-MD5 on
                // the way in and the SHA-256 address on the way out
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(60)));
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    private void checkBucket() {
        String bucket = settings.location().bucket();
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw noBucket();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw noBucket();
            }
            if (e.statusCode() == 401 || e.statusCode() == 403) {
                throw new IllegalStateException("the object store " + settings.describe() + " refused the"
                        + " console's credentials for bucket " + bucket + " (HTTP " + e.statusCode() + "): check "
                        + S3Environment.ACCESS_KEY_ENV + " and " + S3Environment.SECRET_KEY_ENV + ", or the"
                        + " credentials file", e);
            }
            throw new IllegalStateException("the object store " + settings.describe() + " answered HTTP "
                    + e.statusCode() + " for bucket " + bucket + ": " + reason(e), e);
        } catch (SdkClientException e) {
            throw new IllegalStateException("cannot reach the object store " + settings.describe() + " ("
                    + reason(e) + "): check --s3-endpoint and that the server is running", e);
        }
    }

    private IllegalStateException noBucket() {
        return new IllegalStateException("there is no bucket " + settings.location().bucket() + " in the object"
                + " store " + settings.describe() + ": create it (the console does not make buckets) or check"
                + " --screenshots");
    }

    @Override
    public StoredScreenshot put(byte[] data, String mediaType) {
        String sha256 = Hashes.sha256Hex(data);
        String key = keyOf(sha256, mediaType);
        Map<String, String> metadata = Map.of(STORED_AT, Long.toString(System.currentTimeMillis()));
        try {
            if (head(key).isPresent()) {
                // stored before: say a capture uses it again (a retention run deciding now keeps it), no re-upload
                s3.copyObject(copyInPlace(key, mediaType, metadata));
            } else {
                PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket()).key(key)
                        .contentType(mediaType).contentMD5(md5Base64(data)).metadata(metadata);
                settings.serverSideEncryption().ifPresent(request::serverSideEncryption);
                s3.putObject(request.build(), RequestBody.fromBytes(data));
            }
            return new StoredScreenshot(sha256, mediaType);
        } catch (SdkException e) {
            throw failure("cannot store screenshot " + sha256, e);
        }
    }

    private CopyObjectRequest copyInPlace(String key, String mediaType, Map<String, String> metadata) {
        CopyObjectRequest.Builder request = CopyObjectRequest.builder().sourceBucket(bucket()).sourceKey(key)
                .destinationBucket(bucket()).destinationKey(key).metadataDirective(MetadataDirective.REPLACE)
                .metadata(new HashMap<>(metadata)).contentType(mediaType);
        settings.serverSideEncryption().ifPresent(request::serverSideEncryption);
        return request.build();
    }

    @Override
    public Optional<byte[]> get(String sha256, String mediaType) {
        String key = keyOf(sha256, mediaType);
        byte[] data;
        try {
            data = s3.getObjectAsBytes(request -> request.bucket(bucket()).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("cannot read screenshot " + sha256, e);
        } catch (SdkException e) {
            throw failure("cannot read screenshot " + sha256, e);
        }
        return Optional.of(ContentAddress.verified(sha256, data, settings.location() + "/" + relative(key)));
    }

    @Override
    public boolean exists(String sha256, String mediaType) {
        try {
            return head(keyOf(sha256, mediaType)).isPresent();
        } catch (SdkException e) {
            throw failure("cannot look for screenshot " + sha256, e);
        }
    }

    @Override
    public void deleteIfNotStoredSince(String sha256, String mediaType, Instant since) {
        String key = keyOf(sha256, mediaType);
        try {
            Optional<HeadObjectResponse> object = head(key);
            if (object.isPresent() && storedAt(object.get()).isBefore(since)) {
                s3.deleteObject(request -> request.bucket(bucket()).key(key));
            }
        } catch (SdkException e) {
            throw failure("cannot delete screenshot " + sha256, e);
        }
    }

    /**
     * Compares the server's last-modified times (listing gives no metadata), which is safe as long as the server's
     * clock is within the hour retention waits of the console's. A PUT is atomic, so no object is ever half-written.
     */
    @Override
    public int removeUnused(Predicate<String> inUse, Instant before) {
        int removed = 0;
        try {
            for (S3Object object : s3.listObjectsV2Paginator(request -> request.bucket(bucket())
                    .prefix(settings.location().listPrefix())).contents()) {
                Optional<String> sha256 = ContentAddress.sha256Of(relative(object.key()));
                if (sha256.isPresent() && object.lastModified().isBefore(before) && !inUse.test(sha256.get())) {
                    s3.deleteObject(request -> request.bucket(bucket()).key(object.key()));
                    removed++;
                }
            }
        } catch (SdkException e) {
            throw failure("cannot sweep unused screenshots", e);
        }
        return removed;
    }

    @Override
    public String describe() {
        return "objects in " + settings.describe();
    }

    @Override
    public void close() {
        s3.close();
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(request -> request.bucket(bucket()).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Instant storedAt(HeadObjectResponse object) {
        String millis = object.metadata().get(STORED_AT);
        if (millis != null) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(millis));
            } catch (NumberFormatException e) {
                // not ours to read: fall back on the server's time
            }
        }
        return object.lastModified();
    }

    private String keyOf(String sha256, String mediaType) {
        return settings.location().key(ContentAddress.relativePath(sha256, mediaType));
    }

    private String relative(String key) {
        return key.substring(Math.min(key.length(), settings.location().listPrefix().length()));
    }

    private String bucket() {
        return settings.location().bucket();
    }

    private StoreException failure(String what, SdkException e) {
        return new StoreException(what + " in " + settings.describe() + ": " + reason(e), e);
    }

    private static String reason(SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            return "HTTP " + s3.statusCode() + " " + s3.awsErrorDetails().errorCode();
        }
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : cause.getClass().getSimpleName() + ": "
                + cause.getMessage();
    }

    private static String md5Base64(byte[] data) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JVM", e);
        }
    }
}
