package org.vigil.agent.notice;

import java.awt.AWTException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.SignInNotice;

/**
 * A tray / menu-bar icon whose tooltip is the sign-in notice, where the desktop has a tray ({@link SystemTray});
 * where it has none, a log line says so and the notice at sign-in is the only sign. Thread-safe.
 * AWT's toolkit (its X connection and event thread, some megabytes) is started only to show the icon: where the
 * desktop can say it has no tray without AWT (X11, through Xlib), AWT is not asked.
 */
public final class TrayNotice {
    private static final Logger log = LoggerFactory.getLogger(TrayNotice.class);
    private final BooleanSupplier trayPresent;
    private TrayIcon icon;

    /** Asks AWT whether there is a tray. */
    public TrayNotice() {
        this(() -> true);
    }

    /** @param trayPresent false when the desktop is known to have no tray; then AWT is not started to ask it */
    public TrayNotice(BooleanSupplier trayPresent) {
        this.trayPresent = trayPresent;
    }

    /** @return whether an icon is in the tray now */
    public synchronized boolean show(SignInNotice notice) {
        String tooltip = NoticeDisplay.TITLE + ". " + NoticeDisplay.body(notice).replace('\n', ' ');
        if (icon != null) {
            icon.setToolTip(tooltip);
            return true;
        }
        if (!trayPresent.getAsBoolean() || GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) {
            log.info("no system tray in this session: no tray icon; the sign-in notice is shown at each sign-in");
            return false;
        }
        try {
            TrayIcon made = new TrayIcon(image(), tooltip);
            made.setImageAutoSize(true);
            SystemTray.getSystemTray().add(made);
            icon = made;
            return true;
        } catch (AWTException | UnsupportedOperationException e) {
            log.info("the system tray refused the icon ({}): the sign-in notice is shown at each sign-in",
                    e.toString());
            return false;
        }
    }

    /** An eye-blue disc: the same on every desktop, drawn here so no image file ships. */
    private static BufferedImage image() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(0x1f, 0x5f, 0xbf));
        graphics.fillOval(1, 1, 14, 14);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(5, 5, 6, 6);
        graphics.dispose();
        return image;
    }

    /** The icon's tooltip now, if there is an icon. */
    synchronized Optional<String> tooltip() {
        return Optional.ofNullable(icon).map(TrayIcon::getToolTip);
    }
}
