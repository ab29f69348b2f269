package org.vigil.agent.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A truecolour (8-bit RGB, no alpha, not interlaced) PNG, written a row at a time: each row with the "Sub" filter
 * (a byte minus the same colour of the pixel to its left, which turns the flat runs of a desktop into zeros), all
 * of them through one {@link Deflater} into IDAT chunks. No AWT, Java2D or ImageIO: the session helper encodes its
 * screenshots with this so it loads none of them (bench/README.md, "The split").
 */
final class PngWriter implements AutoCloseable {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int FILTER_SUB = 1;
    private static final int CHUNK = 64 * 1024;

    private final int width;
    private final int height;
    private final ByteArrayOutputStream png;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final byte[] filtered;
    private final byte[] compressed = new byte[CHUNK];
    private final ByteArrayOutputStream idat = new ByteArrayOutputStream(CHUNK);
    private int rows;

    PngWriter(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a PNG needs at least one pixel, not " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.filtered = new byte[1 + 3 * width];
        this.png = new ByteArrayOutputStream(64 * 1024);
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per sample
        header[9] = 2; // truecolour
        chunk("IHDR", header, header.length);
    }

    /** The next row, top to bottom, as {@code 0xRRGGBB} ints; {@code rgb} holds at least width pixels. */
    void row(int[] rgb) {
        if (rows == height) {
            throw new IllegalStateException("all " + height + " rows are written");
        }
        filtered[0] = FILTER_SUB;
        int left = 0;
        for (int x = 0, out = 1; x < width; x++) {
            int pixel = rgb[x];
            filtered[out++] = (byte) ((pixel >> 16) - (left >> 16));
            filtered[out++] = (byte) ((pixel >> 8) - (left >> 8));
            filtered[out++] = (byte) (pixel - left);
            left = pixel;
        }
        deflater.setInput(filtered);
        while (!deflater.needsInput()) {
            drain();
        }
        rows++;
    }

    /** The whole file; every row must have been written. */
    byte[] finish() {
        if (rows != height) {
            throw new IllegalStateException(rows + " of " + height + " rows written");
        }
        deflater.finish();
        while (!deflater.finished()) {
            drain();
        }
        if (idat.size() > 0) {
            chunk("IDAT", idat.toByteArray(), idat.size());
        }
        chunk("IEND", new byte[0], 0);
        return png.toByteArray();
    }

    /** Frees the deflater's native memory; a writer given up before {@link #finish} must be closed too. */
    @Override
    public void close() {
        deflater.end();
    }

    /** How many bytes the file has so far: a caller over its limit can stop early. */
    int size() {
        return png.size() + idat.size();
    }

    private void drain() {
        int n = deflater.deflate(compressed);
        idat.write(compressed, 0, n);
        if (idat.size() >= CHUNK) {
            chunk("IDAT", idat.toByteArray(), idat.size());
            idat.reset();
        }
    }

    private void chunk(String type, byte[] data, int length) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        byte[] four = new byte[4];
        putInt(four, 0, length);
        png.writeBytes(four);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        png.writeBytes(name);
        png.write(data, 0, length);
        putInt(four, 0, (int) crc.getValue());
        png.writeBytes(four);
    }

    private static void putInt(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
    }
}
