package org.vigil.agent.support;

import com.google.protobuf.ByteString;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.vigil.agent.evidence.ScreenCapture;
import org.vigil.proto.v1.Screenshot;

/** Stands in for the screen in unit tests, so none takes a picture of the developer's desktop: a small fixed PNG. */
public final class FixedScreenCapture implements ScreenCapture {
    public static final int WIDTH = 8;
    public static final int HEIGHT = 6;

    private final Screenshot screenshot = Screenshot.newBuilder()
            .setMediaType("image/png")
            .setData(ByteString.copyFrom(png()))
            .setWidth(WIDTH)
            .setHeight(HEIGHT)
            .build();
    private final AtomicInteger taken = new AtomicInteger();

    @Override
    public Optional<Screenshot> take() {
        taken.incrementAndGet();
        return Optional.of(screenshot);
    }

    /** How many screenshots were asked for. */
    public int taken() {
        return taken.get();
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.ORANGE);
            g.fillRect(0, 0, WIDTH / 2, HEIGHT);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
