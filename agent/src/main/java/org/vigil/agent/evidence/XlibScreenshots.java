package org.vigil.agent.evidence;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.window.X11Desktop;
import org.vigil.proto.v1.Screenshot;

/**
 * The screenshot on Linux/X11: the root window's pixels (every monitor of the X screen) read with Xlib's
 * {@code XGetImage} on the helper's own connection, encoded a row at a time as a {@link PngScreenshot}. Unlike AWT's
 * Robot it starts no toolkit, opens no second connection and leaves no event thread running after the first hit
 * (ADR 0122), and unlike ImageIO's JPEG writer it loads no AWT, Java2D or ImageIO classes or native libraries and
 * puts no copy of the whole screen on the heap (ADR 0186). A screen in a pixel layout it does not read falls back
 * to {@code fallback}.
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
        // empty outside: a layout Xlib screenshots do not read; empty inside: too large even when small
        Optional<Optional<Screenshot>> shot;
        try {
            shot = desktop.screen(PngScreenshot::of);
        } catch (RuntimeException | LinkageError e) {
            warnOnce("cannot read the screen through Xlib (" + e + "); taking screenshots with AWT instead");
            return fallback.take();
        }
        if (shot.isEmpty()) {
            warnOnce("the screen's pixel layout is not one Xlib screenshots read; taking screenshots with AWT");
            return fallback.take();
        }
        if (shot.get().isEmpty()) {
            log.warn("screenshot too large even at {} px wide; sent without it", PngScreenshot.SMALLEST_WIDTH);
        }
        return shot.get();
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            log.warn(message);
        }
    }
}
