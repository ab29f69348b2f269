package org.vigil.agent.evidence;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.vigil.agent.window.ScreenRows;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Screenshot;

/**
 * A screenshot as a capture carries it, encoded as PNG straight from the screen's rows: at most
 * {@value JpegScreenshot#MAX_WIDTH} px wide (wider screens are sampled down, nearest pixel), and at half that size
 * again while it is over the contract's limit. One row of pixels on the heap at a time, not the whole screen.
 */
final class PngScreenshot {
    static final int SMALLEST_WIDTH = 240;

    private PngScreenshot() {
    }

    /** Empty if even the smallest size is over the limit. */
    static Optional<Screenshot> of(ScreenRows screen) {
        return of(screen, WireNames.MAX_SCREENSHOT_BYTES);
    }

    static Optional<Screenshot> of(ScreenRows screen, int maxBytes) {
        for (int width = Math.min(screen.width(), JpegScreenshot.MAX_WIDTH); ; width /= 2) {
            int height = Math.max(1, (int) ((long) screen.height() * width / screen.width()));
            Optional<byte[]> png = encode(screen, width, height, maxBytes);
            if (png.isPresent()) {
                return Optional.of(Screenshot.newBuilder()
                        .setMediaType("image/png")
                        .setData(ByteString.copyFrom(png.get()))
                        .setWidth(width)
                        .setHeight(height)
                        .build());
            }
            if (width / 2 < SMALLEST_WIDTH) {
                return Optional.empty();
            }
        }
    }

    private static Optional<byte[]> encode(ScreenRows screen, int width, int height, int maxBytes) {
        int[] source = new int[screen.width()];
        int[] row = width == screen.width() ? source : new int[width];
        try (PngWriter png = new PngWriter(width, height)) {
            for (int y = 0; y < height; y++) {
                screen.read((int) ((long) y * screen.height() / height), source);
                if (row != source) {
                    for (int x = 0; x < width; x++) {
                        row[x] = source[(int) ((long) x * screen.width() / width)];
                    }
                }
                png.row(row);
                if (png.size() > maxBytes) {
                    return Optional.empty();
                }
            }
            byte[] bytes = png.finish();
            return bytes.length <= maxBytes ? Optional.of(bytes) : Optional.empty();
        }
    }
}
