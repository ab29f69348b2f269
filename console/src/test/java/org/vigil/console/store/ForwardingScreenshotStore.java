package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** A screenshot store that hands every call to a real one: tests override the call they make fail or wait. */
public abstract class ForwardingScreenshotStore implements ScreenshotStore {
    private final ScreenshotStore delegate;

    protected ForwardingScreenshotStore(ScreenshotStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public StoredScreenshot put(byte[] data, String mediaType) {
        return delegate.put(data, mediaType);
    }

    @Override
    public Optional<byte[]> get(String sha256, String mediaType) {
        return delegate.get(sha256, mediaType);
    }

    @Override
    public boolean exists(String sha256, String mediaType) {
        return delegate.exists(sha256, mediaType);
    }

    @Override
    public void deleteIfNotStoredSince(String sha256, String mediaType, Instant since) {
        delegate.deleteIfNotStoredSince(sha256, mediaType, since);
    }

    @Override
    public int removeUnused(Predicate<String> inUse, Instant before) {
        return delegate.removeUnused(inUse, before);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
