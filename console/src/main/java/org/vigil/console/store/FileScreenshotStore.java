package org.vigil.console.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Screenshots as files: {@code <root>/<first 2 hex>/<sha256>.<jpg|png>}. Each is written to a temp file,
 * fsynced and moved into place atomically, so a reader never sees half an image.
 */
public final class FileScreenshotStore implements ScreenshotStore {
    private final Path root;

    public FileScreenshotStore(Path root) {
        this.root = root;
    }

    @Override
    public StoredScreenshot put(byte[] data, String mediaType) {
        String sha256 = Hashes.sha256Hex(data);
        Path target = pathOf(sha256, mediaType);
        if (Files.exists(target)) {
            touch(target); // tells a retention run that is about to delete this file that a capture uses it again
            return new StoredScreenshot(sha256, mediaType);
        }
        try {
            Path dir = DataDirs.createPrivateDirectories(target.getParent());
            Path temp = Files.createTempFile(dir, sha256, ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(data);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
            return new StoredScreenshot(sha256, mediaType);
        } catch (IOException e) {
            throw new StoreException("cannot store screenshot " + sha256, e);
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // another writer stored the same content first: same bytes, nothing to do
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the screenshot directory does not support atomic moves", e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every platform can open a directory for fsync (Windows): the file itself is synced
        }
    }

    @Override
    public Optional<byte[]> get(String sha256, String mediaType) {
        Path file = pathOf(sha256, mediaType);
        try {
            return Optional.of(ContentAddress.verified(sha256, Files.readAllBytes(file), file.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read screenshot " + sha256, e);
        }
    }

    @Override
    public boolean exists(String sha256, String mediaType) {
        return Files.isRegularFile(pathOf(sha256, mediaType));
    }

    @Override
    public void deleteIfNotStoredSince(String sha256, String mediaType, Instant since) {
        Path file = pathOf(sha256, mediaType);
        try {
            if (Files.getLastModifiedTime(file).toInstant().isBefore(since)) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new StoreException("cannot delete screenshot " + sha256, e);
        }
    }

    private static void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // the file is there; an old time only matters to a retention run at this very moment
        }
    }

    /** Also removes the temporary files a crash left behind. */
    @Override
    public int removeUnused(Predicate<String> inUse, Instant before) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                int dot = name.indexOf('.');
                String sha256 = dot < 0 ? name : name.substring(0, dot);
                boolean temporary = name.endsWith(".tmp");
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(before)
                            && (temporary || (ContentAddress.isSha256(sha256) && !inUse.test(sha256)))
                            && Files.deleteIfExists(file)) {
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // removed since the walk listed it (another run's batch released it): nothing left to sweep
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot sweep the screenshot directory " + root, e);
        }
        return removed;
    }

    @Override
    public String describe() {
        return "files in " + root.toAbsolutePath();
    }

    Path pathOf(String sha256, String mediaType) {
        return root.resolve(ContentAddress.relativePath(sha256, mediaType));
    }
}
