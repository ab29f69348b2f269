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
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Screenshots as files: {@code <root>/<first 2 hex>/<sha256>.<jpg|png>}. Each is written to a temp file,
 * fsynced and moved into place atomically, so a reader never sees half an image.
 */
public final class FileScreenshotStore implements ScreenshotStore {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path root;

    public FileScreenshotStore(Path root) {
        this.root = root;
    }

    @Override
    public StoredScreenshot put(byte[] data, String mediaType) {
        String sha256 = Hashes.sha256Hex(data);
        Path target = pathOf(sha256, mediaType);
        if (Files.exists(target)) {
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
        try {
            return Optional.of(Files.readAllBytes(pathOf(sha256, mediaType)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read screenshot " + sha256, e);
        }
    }

    Path pathOf(String sha256, String mediaType) {
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + "." + extensionOf(mediaType));
    }

    private static String extensionOf(String mediaType) {
        return switch (mediaType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            default -> throw new IllegalArgumentException("unsupported screenshot type: " + mediaType);
        };
    }
}
