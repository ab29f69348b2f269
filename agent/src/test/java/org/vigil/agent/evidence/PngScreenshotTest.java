package org.vigil.agent.evidence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.vigil.agent.window.ScreenRows;
import org.vigil.proto.v1.Screenshot;

/** The hand-written PNG encoder, read back with ImageIO's decoder (an independent reader of the format). */
class PngScreenshotTest {

    @Test
    void everyPixelOfAScreenComesBackExactly() throws IOException {
        Random random = new Random(7);
        int[][] pixels = new int[37][53];
        for (int[] row : pixels) {
            for (int x = 0; x < row.length; x++) {
                // flat runs (as a desktop has) and noise, with garbage in the unused top byte as Xlib leaves it
                row[x] = (x % 7 < 3 ? 0x336699 : random.nextInt(0x1000000)) | random.nextInt(256) << 24;
            }
        }
        Screenshot shot = PngScreenshot.of(screen(53, 37, (x, y) -> pixels[y][x])).orElseThrow();
        assertEquals("image/png", shot.getMediaType());
        assertEquals(53, shot.getWidth());
        assertEquals(37, shot.getHeight());
        BufferedImage image = decode(shot);
        for (int y = 0; y < 37; y++) {
            for (int x = 0; x < 53; x++) {
                assertEquals(pixels[y][x] & 0xffffff, image.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aScreenWiderThanTheLimitIsSampledDownKeepingItsShape() throws IOException {
        // 2560x1440: columns striped by x / 4, rows by y / 4, so each sampled pixel says where it came from
        IntBinaryOperator source = (x, y) -> (x / 4) << 12 | (y / 4);
        Screenshot shot = PngScreenshot.of(screen(2560, 1440, source)).orElseThrow();
        assertEquals(JpegScreenshot.MAX_WIDTH, shot.getWidth());
        assertEquals(1080, shot.getHeight());
        BufferedImage image = decode(shot);
        assertEquals(1920, image.getWidth());
        assertEquals(1080, image.getHeight());
        for (int[] at : new int[][] {{0, 0}, {1919, 1079}, {960, 540}, {3, 1000}}) {
            int x = at[0] * 2560 / 1920;
            int y = at[1] * 1440 / 1080;
            assertEquals(source.applyAsInt(x, y), image.getRGB(at[0], at[1]) & 0xffffff, "pixel " + Arrays.toString(at));
        }
    }

    @Test
    void aScreenOverTheByteLimitIsSentSmallerAndNoneWhenEvenTheSmallestIsTooLarge() throws IOException {
        Random random = new Random(11);
        int[] noise = random.ints(1920 * 1080).toArray();
        ScreenRows photo = screen(1920, 1080, (x, y) -> noise[y * 1920 + x]);
        Screenshot full = PngScreenshot.of(photo, Integer.MAX_VALUE).orElseThrow();
        assertEquals(1920, full.getWidth());

        Screenshot smaller = PngScreenshot.of(photo, full.getData().size() / 2).orElseThrow();
        assertEquals(960, smaller.getWidth());
        assertEquals(540, smaller.getHeight());
        assertTrue(smaller.getData().size() <= full.getData().size() / 2);
        assertEquals(960, decode(smaller).getWidth());

        assertEquals(Optional.empty(), PngScreenshot.of(photo, 1000));
    }

    @Test
    void aWriterRefusesRowsItWasNotSizedFor() {
        assertThrows(IllegalArgumentException.class, () -> new PngWriter(0, 10));
        try (PngWriter png = new PngWriter(2, 1)) {
            png.row(new int[] {1, 2});
            assertThrows(IllegalStateException.class, () -> png.row(new int[] {1, 2}));
            byte[] bytes = png.finish();
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
        }
        try (PngWriter png = new PngWriter(2, 2)) {
            png.row(new int[] {1, 2});
            assertThrows(IllegalStateException.class, png::finish);
        }
    }

    private static BufferedImage decode(Screenshot shot) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(shot.getData().toByteArray()));
    }

    private static ScreenRows screen(int width, int height, IntBinaryOperator pixel) {
        return new ScreenRows() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public void read(int y, int[] rgb) {
                for (int x = 0; x < width; x++) {
                    rgb[x] = pixel.applyAsInt(x, y);
                }
            }
        };
    }
}
