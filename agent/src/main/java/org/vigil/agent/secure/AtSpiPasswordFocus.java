package org.vigil.agent.secure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.errors.UnknownMethod;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.matchrules.DBusMatchRuleBuilder;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Linux: a password field has focus, as the accessibility bus (AT-SPI) tells (ADR 0119). At {@link #start} it asks
 * the session bus where the accessibility bus is ({@code org.a11y.Bus.GetAddress}), connects to it, registers for
 * {@code object:state-changed:focused} and, at each focus change, asks the newly focused object its role once:
 * {@code ATSPI_ROLE_PASSWORD_TEXT} means a password field. Event-driven: a keystroke reads a field, never the bus.
 *
 * <p>With no session bus, no AT-SPI, or a bus it cannot reach, it says so once in the log and answers "no" (the
 * excluded apps remain the guard, as before). A lost bus is tried again after {@link #RECONNECT}, once per loss.
 * Everything runs on one supervised thread ({@code vigil-atspi}) plus dbus-java's reader and one thread per kind
 * of incoming message; the D-Bus classes are loaded only when this starts.
 *
 * <p>It does not switch accessibility on for the session ({@code org.a11y.Status.IsEnabled}): GTK and GTK4 apps
 * answer anyway; Firefox, Chromium-based browsers and Qt apps only when the school has switched it on. It logs
 * which at start.
 */
public final class AtSpiPasswordFocus implements PasswordFocus {
    private static final Logger log = LoggerFactory.getLogger(AtSpiPasswordFocus.class);
    static final Duration RECONNECT = Duration.ofSeconds(5);

    private final Map<String, String> env;
    private final Supervisor supervisor;
    private final AtSpiFocusTracker tracker = new AtSpiFocusTracker();
    private volatile SerialExecutor executor;
    /** The accessibility bus; only touched on the executor's thread. */
    private DBusConnection bus;
    private boolean reconnectTried;
    private volatile boolean closed;
    /** Nothing to follow (no bus, or it could not be reached): answers "no" from now on. */
    private volatile boolean gaveUp;
    private volatile boolean following;

    /** @param env the session's environment: {@code DBUS_SESSION_BUS_ADDRESS}, or {@code AT_SPI_BUS_ADDRESS} */
    public AtSpiPasswordFocus(Map<String, String> env, Supervisor supervisor) {
        this.env = Map.copyOf(env);
        this.supervisor = supervisor;
    }

    @Override
    public boolean passwordFocused() {
        return tracker.passwordFocused();
    }

    /** Connects on the {@code vigil-atspi} thread: the caller (the helper's start) never waits for D-Bus. */
    @Override
    public synchronized void start() {
        if (executor != null || closed || gaveUp) {
            return;
        }
        if (env.getOrDefault("AT_SPI_BUS_ADDRESS", "").isBlank()
                && env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").isBlank()) {
            log.warn("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set): password fields are not detected"
                    + " on this desktop; only the excluded apps keep them out");
            gaveUp = true;
            return;
        }
        executor = supervisor.executor("vigil-atspi");
        executor.execute(this::connectOrGiveUp);
    }

    /** Whether the accessibility bus is connected and focus is followed; for tests and the log. */
    public boolean following() {
        return following;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.execute(this::disconnect);
            executor.close(Duration.ofSeconds(1));
        }
        tracker.forget();
    }

    /** Without a bus to follow, the {@code vigil-atspi} thread ends: nothing is left running for nothing. */
    private void connectOrGiveUp() {
        if (!closed && !connect()) {
            gaveUp = true;
            tracker.forget();
            executor.close();
        }
    }

    /** Whether focus is now followed; every failure is logged here, once. */
    private boolean connect() {
        Optional<String> address;
        try {
            address = accessibilityBusAddress();
        } catch (DBusException | IOException | RuntimeException | LinkageError e) {
            log.warn("no AT-SPI accessibility bus ({}): password fields are not detected on this desktop; only the"
                    + " excluded apps keep them out", oneLine(e));
            return false;
        }
        if (address.isEmpty()) {
            return false;
        }
        Optional<String> unreachable = unreachable(address.get());
        if (unreachable.isPresent()) {
            log.warn("cannot reach the AT-SPI accessibility bus at {} ({}): password fields are not detected; only"
                    + " the excluded apps keep them out", address.get(), unreachable.get());
            return false;
        }
        try {
            bus = connection(address.get(), new IDisconnectCallback() {
                @Override
                public void disconnectOnError(IOException e) {
                    lost(e);
                }
            });
            bus.addGenericSigHandler(DBusMatchRuleBuilder.create().withType("signal")
                    .withInterface(AtSpiBus.OBJECT_EVENTS).withMember("StateChanged").withArg0123(0, "focused")
                    .build(), this::stateChanged);
            bus.addSigHandler(DBus.NameOwnerChanged.class, gone -> {
                if (gone.newOwner.isEmpty()) {
                    tracker.applicationGone(gone.name);
                }
            });
            register(bus);
            reconnectTried = false;
            following = true;
            log.info("following focus on the AT-SPI accessibility bus: nothing is captured while a password field"
                    + " has focus");
            return true;
        } catch (DBusException | RuntimeException | LinkageError e) {
            log.warn("cannot follow focus on the AT-SPI accessibility bus at {} ({}): password fields are not"
                    + " detected; only the excluded apps keep them out", address.get(), oneLine(e));
            disconnect();
            return false;
        }
    }

    /** The address, and a log line on whether browsers and Qt apps will answer; empty after logging why not. */
    private Optional<String> accessibilityBusAddress() throws DBusException, IOException {
        String direct = env.getOrDefault("AT_SPI_BUS_ADDRESS", "");
        if (!direct.isBlank()) {
            return Optional.of(direct);
        }
        String session = env.get("DBUS_SESSION_BUS_ADDRESS"); // start() saw one of the two
        Optional<String> unreachable = unreachable(session);
        if (unreachable.isPresent()) {
            log.warn("cannot reach the D-Bus session bus at {} ({}): password fields are not detected on this"
                    + " desktop; only the excluded apps keep them out", session, unreachable.get());
            return Optional.empty();
        }
        try (DBusConnection sessionBus = connection(session, new IDisconnectCallback() { })) {
            String address = sessionBus.getRemoteObject(AtSpiBus.LAUNCHER_NAME, AtSpiBus.LAUNCHER_PATH,
                    AtSpiBus.Launcher.class).GetAddress();
            boolean enabled = Boolean.TRUE.equals(sessionBus.getRemoteObject(AtSpiBus.LAUNCHER_NAME,
                    AtSpiBus.LAUNCHER_PATH, Properties.class).Get(AtSpiBus.STATUS_INTERFACE, "IsEnabled"));
            if (!enabled) {
                log.info("accessibility is off in this session (org.a11y.Status IsEnabled=false): GTK apps show"
                        + " their password fields, Firefox, Chromium-based browsers and Qt apps do not; see ADR 0119");
            }
            return Optional.of(address);
        }
    }

    /**
     * Why the address cannot work, said at once: dbus-java takes seconds to give up on a missing socket, and the
     * JDK's Unix sockets have no Linux abstract addresses (at-spi2-core before 2.40 used them).
     */
    static Optional<String> unreachable(String address) {
        for (String part : address.substring(address.indexOf(':') + 1).split(",")) {
            if (part.startsWith("abstract=")) {
                return Optional.of("an abstract socket address, which Java's Unix sockets cannot open");
            }
            if (part.startsWith("path=") && !Files.exists(Path.of(part.substring("path=".length())))) {
                return Optional.of("no socket at " + part.substring("path=".length()));
            }
        }
        return Optional.empty();
    }

    /** One reader thread and one thread for each kind of incoming message: dbus-java's default is more. */
    private static DBusConnection connection(String address, IDisconnectCallback onDisconnect) throws DBusException {
        return DBusConnectionBuilder.forAddress(address)
                .withShared(false)
                .withDisconnectCallback(onDisconnect)
                .receivingThreadConfig()
                .withSignalThreadCount(1)
                .withMethodReturnThreadCount(1)
                .withMethodCallThreadCount(1)
                .withErrorHandlerThreadCount(1)
                .connectionConfig()
                .build();
    }

    /** Applications send only the events a listener registered for (at-spi2-core's event registry). */
    private static void register(DBusConnection bus) throws DBusException {
        try {
            bus.getRemoteObject(AtSpiBus.REGISTRY_NAME, AtSpiBus.REGISTRY_PATH, AtSpiBus.Registry.class)
                    .RegisterEvent(AtSpiBus.FOCUS_EVENT, List.of(), "");
        } catch (UnknownMethod e) {
            bus.getRemoteObject(AtSpiBus.REGISTRY_NAME, AtSpiBus.REGISTRY_PATH, AtSpiBus.OlderRegistry.class)
                    .RegisterEvent(AtSpiBus.FOCUS_EVENT);
        }
    }

    /** On dbus-java's signal thread: notes the change, and asks the role on the {@code vigil-atspi} thread. */
    private void stateChanged(DBusSignal signal) {
        FocusedObject object = new FocusedObject(signal.getSource(), signal.getPath());
        Object[] args;
        try {
            args = signal.getParameters();
        } catch (DBusException e) {
            log.debug("an AT-SPI focus event we cannot read from {}: {}", object, e.toString());
            return;
        }
        if (args.length < 2 || !"focused".equals(args[0]) || !(args[1] instanceof Number gained)) {
            return;
        }
        if (gained.intValue() == 1) {
            tracker.focusGained(object);
            executor.execute(() -> readRole(object));
        } else {
            tracker.focusLost(object);
        }
    }

    private void readRole(FocusedObject object) {
        DBusConnection connected = bus;
        if (connected == null) {
            tracker.roleUnreadable(object);
            return;
        }
        try {
            UInt32 role = connected.getRemoteObject(object.busName(), object.path(), AtSpiBus.Accessible.class)
                    .GetRole();
            tracker.roleRead(object, role.intValue());
            log.debug("focus on {}: role {}", object, role);
        } catch (DBusException | RuntimeException | LinkageError e) {
            tracker.roleUnreadable(object);
            log.debug("cannot read the role of {}: {}", object, e.toString());
        }
    }

    /** On dbus-java's reader thread. */
    private void lost(IOException cause) {
        following = false;
        tracker.forget();
        SerialExecutor running;
        synchronized (this) {
            running = executor;
        }
        if (closed || running == null) {
            return;
        }
        running.execute(() -> {
            disconnect();
            if (reconnectTried) {
                log.warn("lost the AT-SPI accessibility bus again ({}): password fields are no longer detected",
                        oneLine(cause));
                return;
            }
            reconnectTried = true;
            log.warn("lost the AT-SPI accessibility bus ({}): trying again in {} s", oneLine(cause),
                    RECONNECT.toSeconds());
            running.schedule(this::connectOrGiveUp, RECONNECT);
        });
    }

    private void disconnect() {
        following = false;
        if (bus != null) {
            try {
                bus.close();
            } catch (IOException | RuntimeException e) {
                log.debug("closing the accessibility bus connection: {}", e.toString());
            }
            bus = null;
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ");
    }
}
