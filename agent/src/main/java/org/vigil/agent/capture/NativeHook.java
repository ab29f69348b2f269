package org.vigil.agent.capture;

import com.github.kwhat.jnativehook.GlobalScreen;
import com.github.kwhat.jnativehook.NativeHookException;
import com.github.kwhat.jnativehook.dispatcher.VoidDispatchService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Owns JNativeHook's global hook: where its native library is unpacked, starting it with clear errors,
 * a watchdog that re-registers it if it dies, and stopping it.
 * {@link GlobalScreen} is process-wide; make one of these per process.
 */
public final class NativeHook implements KeyboardHook {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(NativeHook.class);
    private static final String LIB_PATH_PROPERTY = "jnativehook.lib.path";
    static final Duration WATCHDOG_EVERY = Duration.ofSeconds(5);

    private final Path libDir;
    private final Map<String, String> env;
    private final KeyboardListener listener;
    /** Held so the JUL level set on it is not lost to garbage collection. */
    private final Logger jnativehookLog = Logger.getLogger("com.github.kwhat.jnativehook");
    private final Supervisor supervisor;
    private Optional<SerialExecutor> watchdog = Optional.empty();
    private volatile boolean running;

    /**
     * @param libDir   a writable folder for JNativeHook's native library (it unpacks it next to its jar otherwise,
     *                 which fails under a read-only install dir)
     * @param env      the environment, to recognise sessions the hook cannot see (Wayland)
     * @param listener receives key and mouse events
     * @param supervisor runs the watchdog
     */
    public NativeHook(Path libDir, Map<String, String> env, KeyboardListener listener, Supervisor supervisor) {
        this.libDir = libDir;
        this.env = Map.copyOf(env);
        this.listener = listener;
        this.supervisor = supervisor;
    }

    @Override
    public synchronized void start() throws HookUnavailableException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            checkLinuxSession();
        }
        try {
            Files.createDirectories(libDir);
        } catch (IOException e) {
            throw new HookUnavailableException("cannot create " + libDir + " for the keyboard hook's native library: "
                    + e.getMessage(), e);
        }
        System.setProperty(LIB_PATH_PROPERTY, libDir.toAbsolutePath().toString());
        jnativehookLog.setLevel(Level.WARNING);
        jnativehookLog.setUseParentHandlers(false);
        // the listener only offers to a bounded queue, so it runs on the hook's own thread: no dispatch thread
        // and one thread hand-over less per key event (issue 11, footprint)
        GlobalScreen.setEventDispatcher(new VoidDispatchService());
        try {
            GlobalScreen.registerNativeHook();
        } catch (NativeHookException e) {
            throw new HookUnavailableException(explain(e), e);
        } catch (LinkageError e) {
            throw new HookUnavailableException("cannot load the keyboard hook's native library from " + libDir
                    + ": " + e, e);
        }
        GlobalScreen.addNativeKeyListener(listener);
        GlobalScreen.addNativeMouseListener(listener);
        running = true;
        SerialExecutor executor = supervisor.executor("vigil-hook-watchdog");
        executor.scheduleWithFixedDelay(this::reRegisterIfDead, WATCHDOG_EVERY, WATCHDOG_EVERY);
        watchdog = Optional.of(executor);
    }

    @Override
    public boolean isListening() {
        return running && GlobalScreen.isNativeHookRegistered();
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        watchdog.ifPresent(SerialExecutor::close);
        GlobalScreen.removeNativeKeyListener(listener);
        GlobalScreen.removeNativeMouseListener(listener);
        try {
            GlobalScreen.unregisterNativeHook();
        } catch (NativeHookException e) {
            log.warn("could not unregister the keyboard hook: {}", e.getMessage());
        }
    }

    private void reRegisterIfDead() {
        if (!running || GlobalScreen.isNativeHookRegistered()) {
            return;
        }
        log.warn("the keyboard hook stopped; registering it again");
        try {
            GlobalScreen.registerNativeHook();
        } catch (NativeHookException e) {
            log.error("could not register the keyboard hook again: {}", explain(e));
        }
    }

    private void checkLinuxSession() throws HookUnavailableException {
        String sessionType = env.getOrDefault("XDG_SESSION_TYPE", "");
        if (sessionType.equalsIgnoreCase("wayland") || (isBlank("DISPLAY") && !isBlank("WAYLAND_DISPLAY"))) {
            throw new HookUnavailableException("this is a Wayland session: Wayland does not let any program see "
                    + "keystrokes typed into other programs, so the Vigil agent cannot monitor it. "
                    + "Sign in with an X11 (Xorg) session on this device.");
        }
        if (isBlank("DISPLAY")) {
            throw new HookUnavailableException("no X11 display (DISPLAY is not set): the Vigil agent must run inside "
                    + "the pupil's desktop session (XDG autostart or a systemd user unit), not as a system service");
        }
    }

    private boolean isBlank(String name) {
        String value = env.get(name);
        return value == null || value.isBlank();
    }

    private String explain(NativeHookException e) {
        return switch (e.getCode()) {
            case NativeHookException.X11_OPEN_DISPLAY -> "cannot open the X11 display " + env.get("DISPLAY")
                    + " for the keyboard hook: " + e.getMessage();
            case NativeHookException.X11_RECORD_NOT_FOUND -> "the X server has no RECORD extension, which the "
                    + "keyboard hook needs: " + e.getMessage();
            case NativeHookException.DARWIN_AXAPI_DISABLED -> "macOS has not given this program Accessibility / "
                    + "Input Monitoring permission (System Settings > Privacy & Security), so it cannot see typing";
            default -> "the keyboard hook could not start (code " + e.getCode() + "): " + e.getMessage();
        };
    }
}
