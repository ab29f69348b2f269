package org.vigil.agent.evidence;

import com.google.protobuf.ByteString;
import java.awt.AWTException;
import java.awt.Graphics2D;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Screenshot;

/**
 * Takes a screenshot of every screen at once (the union of all screens' bounds), scales it down to at most
 * {@value #MAX_WIDTH} px wide and encodes it as JPEG. Never throws: no display, a headless JVM or a failure
 * gives {@link Optional#empty()} and a capture without a screenshot.
 */
public final class Screenshots implements ScreenCapture {
    private static final Logger log = LoggerFactory.getLogger(Screenshots.class);
    static final int MAX_WIDTH = 1920;
    private static final float[] QUALITIES = {0.7f, 0.45f, 0.25f};

    private Robot robot;
    private boolean warned;

    @Override
    public synchronized Optional<Screenshot> take() {
        try {
            if (GraphicsEnvironment.isHeadless()) {
                warnOnce("no display (headless): captures will have no screenshot");
                return Optional.empty();
            }
            Rectangle all = new Rectangle();
            for (GraphicsDevice device : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
                all = all.union(device.getDefaultConfiguration().getBounds());
            }
            if (all.isEmpty()) {
                return Optional.empty();
            }
            if (robot == null) {
                robot = new Robot();
            }
            BufferedImage image = scaled(robot.createScreenCapture(all));
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
            warnOnce("screenshot too large even at low JPEG quality; sent without it");
            return Optional.empty();
        } catch (AWTException | HeadlessException | SecurityException | IOException | IllegalArgumentException e) {
            warnOnce("cannot take a screenshot: " + e);
            return Optional.empty();
        }
    }

    static BufferedImage scaled(BufferedImage image) {
        if (image.getWidth() <= MAX_WIDTH) {
            return image;
        }
        int height = Math.max(1, (int) Math.round(image.getHeight() * (double) MAX_WIDTH / image.getWidth()));
        BufferedImage out = new BufferedImage(MAX_WIDTH, height, BufferedImage.TYPE_INT_RGB);
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

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            log.warn(message);
        }
    }
}
