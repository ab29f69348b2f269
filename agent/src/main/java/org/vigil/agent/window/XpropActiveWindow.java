package org.vigil.agent.window;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The focused X11 window, read with {@code xprop}: {@code xprop -root _NET_ACTIVE_WINDOW}, then
 * {@code xprop -id <id> _NET_WM_NAME WM_NAME WM_CLASS}. Needs a window manager that sets _NET_ACTIVE_WINDOW
 * (every desktop does); without one, or without xprop, it answers {@link WindowInfo#UNKNOWN}.
 * <p>The fallback where libX11 cannot be opened through JNA ({@link X11ActiveWindow}, ADR 0122): two processes per
 * read cost the helper more CPU than the typing they describe (bench/README.md, "Agent footprint").
 */
public final class XpropActiveWindow implements ActiveWindow {
    private static final Logger log = LoggerFactory.getLogger(XpropActiveWindow.class);
    private static final Pattern WINDOW_ID = Pattern.compile("window id # (0x[0-9a-fA-F]+)");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String xprop;
    private final Duration timeout;
    private final String display;
    private volatile boolean warned;

    /** @param display the X display to read (":0"); blank for the process's own DISPLAY */
    public XpropActiveWindow(String display) {
        this("xprop", Duration.ofMillis(500), display);
    }

    public XpropActiveWindow(String xprop, Duration timeout, String display) {
        this.xprop = xprop;
        this.timeout = timeout;
        this.display = display == null ? "" : display;
    }

    @Override
    public WindowInfo current() {
        try {
            Optional<String> root = run(List.of(xprop, "-root", "_NET_ACTIVE_WINDOW"));
            if (root.isEmpty()) {
                return WindowInfo.UNKNOWN;
            }
            Matcher id = WINDOW_ID.matcher(root.get());
            if (!id.find() || id.group(1).equals("0x0")) {
                return WindowInfo.UNKNOWN;
            }
            Optional<String> props = run(List.of(xprop, "-id", id.group(1), "_NET_WM_NAME", "WM_NAME", "WM_CLASS"));
            return props.map(XpropActiveWindow::parse).orElse(WindowInfo.UNKNOWN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WindowInfo.UNKNOWN;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                log.warn("cannot read the active window with {} ({}); captures will have no window title or app",
                        xprop, e.getMessage());
            }
            return WindowInfo.UNKNOWN;
        }
    }

    /** Parses xprop's output for one window. */
    static WindowInfo parse(String output) {
        String netName = null;
        String name = null;
        String app = null;
        for (String line : output.split("\n")) {
            List<String> values = quoted(line);
            if (values.isEmpty()) {
                continue;
            }
            if (line.startsWith("_NET_WM_NAME")) {
                netName = values.get(0);
            } else if (line.startsWith("WM_NAME")) {
                name = values.get(0);
            } else if (line.startsWith("WM_CLASS")) {
                app = values.get(values.size() - 1);
            }
        }
        return new WindowInfo(netName != null ? netName : name, app);
    }

    private static List<String> quoted(String line) {
        List<String> values = new ArrayList<>();
        Matcher m = QUOTED.matcher(line);
        while (m.find()) {
            values.add(m.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return values;
    }

    private Optional<String> run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!display.isBlank()) {
            builder.environment().put("DISPLAY", display);
        }
        Process process = builder.start();
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            byte[] bytes = out.readNBytes(64 * 1024);
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
