package org.vigil.agent.secure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.support.PrivateSessionBus;
import org.vigil.runtime.Supervisor;

/**
 * {@link AtSpiPasswordFocus} over real buses: a private D-Bus session bus, the real at-spi2-core launcher it starts,
 * the real accessibility bus and registry. The test plays an application on that bus: it exports accessible objects
 * with a role and sends the focus events a toolkit sends. (The real GTK window is in the end-to-end test.)
 */
class AtSpiPasswordFocusTest {
    private static final Duration SOON = Duration.ofSeconds(5);
    /** {@code ATSPI_ROLE_TEXT}, what a GTK 3 entry answers. */
    private static final int ROLE_TEXT = 61;

    @TempDir
    Path dir;
    private Supervisor supervisor;
    private PrivateSessionBus sessionBus;
    private AtSpiPasswordFocus focus;
    private DBusConnection app;

    @BeforeEach
    void startTheBuses() throws Exception {
        assumeTrue(PrivateSessionBus.missingPackage().isEmpty(),
                () -> "skipped: " + PrivateSessionBus.missingPackage().orElseThrow());
        supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC());
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (focus != null) {
            focus.close();
        }
        if (app != null) {
            app.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (sessionBus != null) {
            sessionBus.close();
        }
    }

    @Test
    void aFocusedPasswordTextCountsAsAPasswordFieldAndAnEntryDoesNot() throws Exception {
        following();
        App application = new App();
        application.focus("/entry", ROLE_TEXT);
        application.focus("/password", AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        waitUntil(SOON, "the password field to be seen", focus::passwordFocused);

        application.gained("/entry");
        waitUntil(SOON, "the entry to be seen", () -> !focus.passwordFocused());
        application.gained("/password");
        waitUntil(SOON, "the password field again", focus::passwordFocused);
    }

    @Test
    void aPasswordFieldThatLosesFocusOrWhoseApplicationQuitsNoLongerCounts() throws Exception {
        following();
        App application = new App();
        application.focus("/password", AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        waitUntil(SOON, "the password field to be seen", focus::passwordFocused);
        application.lost("/password");
        waitUntil(SOON, "focus lost (the window went to the back)", () -> !focus.passwordFocused());

        application.gained("/password");
        waitUntil(SOON, "the password field again", focus::passwordFocused);
        app.close();
        app = null;
        waitUntil(SOON, "the application gone from the bus", () -> !focus.passwordFocused());
    }

    @Test
    void anObjectWhoseRoleCannotBeReadIsNotAPasswordField() throws Exception {
        following();
        App application = new App();
        application.focus("/password", AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        waitUntil(SOON, "the password field to be seen", focus::passwordFocused);
        application.gained("/nothing-exported-here");
        waitUntil(SOON, "an unreadable role answered as not a password", () -> !focus.passwordFocused());
    }

    @Test
    void theAgentRegistersForFocusEventsWithTheRealRegistry() throws Exception {
        following();
        App application = new App();
        List<RegisteredEvent> registered = app.getRemoteObject(AtSpiBus.REGISTRY_NAME, AtSpiBus.REGISTRY_PATH,
                RegistryEvents.class).GetRegisteredEvents();
        // the registry keeps the event in its own spelling: "Object:StateChanged:Focused"
        assertTrue(registered.stream().anyMatch(event -> event.event.equalsIgnoreCase("object:statechanged:focused")),
                registered.toString());
        application.focus("/password", AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        waitUntil(SOON, "the password field to be seen", focus::passwordFocused);
    }

    @Test
    void withoutASessionBusItSaysNoAndStartsNoThread() {
        focus = new AtSpiPasswordFocus(Map.of(), supervisor);
        focus.start();
        assertFalse(focus.following());
        assertFalse(focus.passwordFocused());
        waitUntil(SOON, "nothing left running for nothing", AtSpiPasswordFocusTest::noAtSpiThreadLeft);
    }

    @Test
    void withASessionBusButNoAtSpiItSaysNoAndLeavesNoThread() throws Exception {
        sessionBus = PrivateSessionBus.withoutServices(dir.resolve("bare"));
        focus = new AtSpiPasswordFocus(sessionBus.environment(), supervisor);
        focus.start();
        assertFalse(focus.following());
        assertFalse(focus.passwordFocused());
        waitUntil(SOON, "nothing left running for nothing", AtSpiPasswordFocusTest::noAtSpiThreadLeft);
    }

    @Test
    void anAccessibilityBusThatIsGoneIsNotFollowedAndLeavesNoThread() {
        focus = new AtSpiPasswordFocus(Map.of("AT_SPI_BUS_ADDRESS", "unix:path=" + dir.resolve("no-such-bus")),
                supervisor);
        focus.start();
        assertFalse(focus.following());
        assertFalse(focus.passwordFocused());
        waitUntil(SOON, "nothing left running for nothing", AtSpiPasswordFocusTest::noAtSpiThreadLeft);
    }

    @Test
    void addressesJavaCannotOpenAreToldApartWithoutTryingForSeconds() {
        assertTrue(AtSpiPasswordFocus.unreachable("unix:abstract=/tmp/dbus-Xa1,guid=0f").isPresent());
        assertTrue(AtSpiPasswordFocus.unreachable("unix:path=" + dir.resolve("absent") + ",guid=0f").isPresent());
        assertFalse(AtSpiPasswordFocus.unreachable("unix:path=" + dir + ",guid=0f").isPresent());
    }

    @Test
    void closingLetsGoOfTheConnectionAndItsThreads() throws Exception {
        following();
        focus.close();
        focus = null;
        waitUntil(SOON, "no D-Bus or vigil-atspi thread left", AtSpiPasswordFocusTest::noAtSpiThreadLeft);
    }

    private static boolean noAtSpiThreadLeft() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .noneMatch(t -> t.getName().startsWith("DBus") || t.getName().equals("vigil-atspi"));
    }

    private void following() throws Exception {
        sessionBus = PrivateSessionBus.start(dir);
        focus = new AtSpiPasswordFocus(sessionBus.environment(), supervisor);
        focus.start();
        waitUntil(SOON, "the agent to follow the accessibility bus", focus::following);
    }

    /** An application on the accessibility bus, as a toolkit's AT-SPI bridge is: its objects and its events. */
    private final class App {
        App() throws DBusException {
            String address;
            try (DBusConnection session = DBusConnectionBuilder.forAddress(sessionBus.address()).build()) {
                address = session.getRemoteObject(AtSpiBus.LAUNCHER_NAME, AtSpiBus.LAUNCHER_PATH,
                        AtSpiBus.Launcher.class).GetAddress();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            app = DBusConnectionBuilder.forAddress(address).build();
        }

        void focus(String path, int role) throws DBusException {
            app.exportObject(path, new Widget(path, role));
            gained(path);
        }

        void gained(String path) throws DBusException {
            app.sendMessage(new ObjectEvents.StateChanged(path, "focused", 1, 0, new Variant<>(0), Map.of()));
        }

        void lost(String path) throws DBusException {
            app.sendMessage(new ObjectEvents.StateChanged(path, "focused", 0, 0, new Variant<>(0), Map.of()));
        }
    }

    public record Widget(String path, int role) implements AtSpiBus.Accessible {
        @Override
        public UInt32 GetRole() {
            return new UInt32(role);
        }

        @Override
        public String getObjectPath() {
            return path;
        }
    }

    /** What a toolkit sends, with at-spi2-core 2.46's signature {@code siiva{sv}}. */
    @DBusInterfaceName("org.a11y.atspi.Event.Object")
    public interface ObjectEvents extends DBusInterface {
        class StateChanged extends DBusSignal {
            public StateChanged(String path, String detail, int detail1, int detail2, Variant<?> anyData,
                                Map<String, Variant<?>> properties) throws DBusException {
                super(path, detail, detail1, detail2, anyData, properties);
            }
        }
    }

    @DBusInterfaceName("org.a11y.atspi.Registry")
    public interface RegistryEvents extends DBusInterface {
        List<RegisteredEvent> GetRegisteredEvents();
    }

    /** A listener's bus name and the event it registered for. */
    public static final class RegisteredEvent extends Struct {
        @Position(0)
        public final String bus;
        @Position(1)
        public final String event;

        public RegisteredEvent(String bus, String event) {
            this.bus = bus;
            this.event = event;
        }
    }
}
