package org.vigil.agent.evidence;

import com.google.protobuf.ByteString;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Screenshot;

/**
 * A picture of the screens as a capture carries it, however it was taken: scaled down to at most
 * {@value #MAX_WIDTH} px wide and encoded as JPEG, at lower qualities until it fits the contract's limit.
 * Java2D and ImageIO only: it needs no AWT toolkit, no X connection and no event thread.
 */
final class JpegScreenshot {
    static final int MAX_WIDTH = 1920;
    private static final float[] QUALITIES = {0.7f, 0.45f, 0.25f};

    private JpegScreenshot() {
    }

    /** Empty if even the lowest quality is over the limit. */
    static Optional<Screenshot> of(BufferedImage screens) throws IOException {
        BufferedImage image = scaled(screens);
        for (float quality : QUALITIES) {
            byte[] jpeg = jpeg(image, quality);
            if (jpeg.length <= WireNames.MAX_SCREENSHOT_BYTES) {
                return Optional.of(Screenshot.newBuilder()
                        .setMediaType("image/jpeg")
                        .setData(ByteString.copyFrom(jpeg))
                        .setWidth(image.getWidth())
                        .setHeight(image.getHeight())
                        .build());
            }
        }
        return Optional.empty();
    }

    static BufferedImage scaled(BufferedImage image) {
        if (image.getWidth() <= MAX_WIDTH) {
            return image;
        }
        int height = Math.max(1, (int) Math.round(image.getHeight() * (double) MAX_WIDTH / image.getWidth()));
        BufferedImage out = new BufferedImage(MAX_WIDTH, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, MAX_WIDTH, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
