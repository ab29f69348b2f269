package org.vigil.agent.notice;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.Frame;
import java.awt.GridLayout;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Label;
import java.awt.Panel;
import java.awt.Rectangle;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.SignInNotice;

/**
 * A small always-on-top window in the top-right corner, black on white in a large font, that closes itself after
 * {@link #SHOWN_FOR} or when clicked. Plain AWT, so it needs nothing the JDK lacks and runs wherever the helper has
 * a display (Linux without a notification server; also Windows and macOS until their own toasts are added).
 */
public final class NoticeWindow implements NoticeDisplay {
    static final Duration SHOWN_FOR = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(NoticeWindow.class);
    private static final int WIDTH = 460;
    private static final int MARGIN = 24;

    private final Duration shownFor;

    public NoticeWindow() {
        this(SHOWN_FOR);
    }

    NoticeWindow(Duration shownFor) {
        this.shownFor = shownFor;
    }

    @Override
    public Optional<String> show(SignInNotice notice) {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.empty();
        }
        AtomicReference<Frame> shown = new AtomicReference<>();
        try {
            EventQueue.invokeAndWait(() -> shown.set(open(notice)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (InvocationTargetException e) {
            log.warn("cannot show the sign-in notice in a window: {}", e.getCause().toString());
            return Optional.empty();
        }
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(shownFor.toMillis());
            } catch (InterruptedException e) {
                // closed early
            }
            EventQueue.invokeLater(() -> shown.get().dispose());
        }, "vigil-notice-window");
        closer.setDaemon(true);
        closer.start();
        return Optional.of("window");
    }

    private static Frame open(SignInNotice notice) {
        try {
            Frame frame = new Frame(TITLE);
            frame.setUndecorated(true);
            frame.setAlwaysOnTop(true);
            frame.setFocusableWindowState(false); // never takes the pupil's typing away
            Panel panel = new Panel(new BorderLayout(8, 8));
            panel.setBackground(Color.WHITE);
            Label heading = new Label(TITLE);
            heading.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            heading.setForeground(Color.BLACK);
            panel.add(heading, BorderLayout.NORTH);
            Panel lines = new Panel(new GridLayout(0, 1));
            lines.setBackground(Color.WHITE);
            for (String line : wrap(NoticeDisplay.body(notice), 56)) {
                Label label = new Label(line);
                label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
                label.setForeground(Color.BLACK);
                lines.add(label);
            }
            panel.add(lines, BorderLayout.CENTER);
            frame.add(panel);
            frame.pack();
            Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
            frame.setBounds(screen.x + screen.width - WIDTH - MARGIN, screen.y + MARGIN, WIDTH,
                    frame.getPreferredSize().height);
            MouseAdapter close = new MouseAdapter() {
                @Override
                public void mouseClicked(MouseEvent e) {
                    frame.dispose();
                }
            };
            frame.addMouseListener(close);
            panel.addMouseListener(close);
            frame.setVisible(true);
            return frame;
        } catch (HeadlessException e) {
            throw new IllegalStateException("no display", e);
        }
    }

    /** Breaks the text into lines of at most {@code width} characters, at spaces where it can. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                while (word.length() > width) {
                    if (line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    lines.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
