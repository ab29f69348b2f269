package org.vigil.agent.evidence;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.window.X11Desktop;
import org.vigil.proto.v1.Screenshot;

/**
 * The screenshot on Linux/X11: the root window's pixels (every monitor of the X screen) read with Xlib's
 * {@code XGetImage} on the helper's own connection, as a {@link JpegScreenshot}. Unlike AWT's Robot it starts no
 * toolkit, opens no second connection and leaves no event thread running after the first hit (bench/README.md,
 * "Agent footprint"). A screen in a pixel layout it does not read falls back to {@code fallback}.
 */
public final class XlibScreenshots implements ScreenCapture {
    private static final Logger log = LoggerFactory.getLogger(XlibScreenshots.class);
    private final X11Desktop desktop;
    private final ScreenCapture fallback;
    private boolean warned;

    public XlibScreenshots(X11Desktop desktop, ScreenCapture fallback) {
        this.desktop = desktop;
        this.fallback = fallback;
    }

    @Override
    public synchronized Optional<Screenshot> take() {
        Optional<BufferedImage> screen;
        try {
            screen = desktop.screen();
        } catch (RuntimeException | LinkageError e) {
            warnOnce("cannot read the screen through Xlib (" + e + "); taking screenshots with AWT instead");
            return fallback.take();
        }
        if (screen.isEmpty()) {
            warnOnce("the screen's pixel layout is not one Xlib screenshots read; taking screenshots with AWT");
            return fallback.take();
        }
        try {
            Optional<Screenshot> shot = JpegScreenshot.of(screen.get());
            if (shot.isEmpty()) {
                log.warn("screenshot too large even at low JPEG quality; sent without it");
            }
            return shot;
        } catch (IOException | RuntimeException e) {
            log.warn("cannot encode the screenshot: {}", e.toString());
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
