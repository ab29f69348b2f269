package org.vigil.agent.evidence;

import java.awt.AWTException;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Rectangle;
import java.awt.Robot;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.Screenshot;

/**
 * Takes a screenshot of every screen at once (the union of all screens' bounds) with AWT's {@link Robot}, as a
 * {@link JpegScreenshot}. Windows, macOS, and Linux where libX11 cannot be opened through JNA ({@link XlibScreenshots}
 * there otherwise): the Robot starts AWT's toolkit and its event thread for the rest of the process. Never throws:
 * no display, a headless JVM or a failure gives {@link Optional#empty()} and a capture without a screenshot.
 */
public final class Screenshots implements ScreenCapture {
    private static final Logger log = LoggerFactory.getLogger(Screenshots.class);

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
            Optional<Screenshot> shot = JpegScreenshot.of(robot.createScreenCapture(all));
            if (shot.isEmpty()) {
                warnOnce("screenshot too large even at low JPEG quality; sent without it");
            }
            return shot;
        } catch (AWTException | HeadlessException | SecurityException | IOException | IllegalArgumentException e) {
            warnOnce("cannot take a screenshot: " + e);
            return Optional.empty();
        }
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            log.warn(message);
        }
    }
}
