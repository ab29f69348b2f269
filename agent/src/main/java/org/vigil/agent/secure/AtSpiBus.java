package org.vigil.agent.secure;

import java.util.List;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;

/** The few AT-SPI D-Bus methods the agent calls (at-spi2-core's XML in {@code xml/}), as dbus-java proxies. */
final class AtSpiBus {
    static final String LAUNCHER_NAME = "org.a11y.Bus";
    static final String LAUNCHER_PATH = "/org/a11y/bus";
    static final String STATUS_INTERFACE = "org.a11y.Status";
    static final String REGISTRY_NAME = "org.a11y.atspi.Registry";
    static final String REGISTRY_PATH = "/org/a11y/atspi/registry";
    static final String OBJECT_EVENTS = "org.a11y.atspi.Event.Object";
    static final String FOCUS_EVENT = "object:state-changed:focused";

    private AtSpiBus() {
    }

    /** On the session bus: where the accessibility bus listens. */
    @DBusInterfaceName("org.a11y.Bus")
    public interface Launcher extends DBusInterface {
        String GetAddress();
    }

    /** at-spi2-core 2.34 and later: applications send only the events someone registered for. */
    @DBusInterfaceName("org.a11y.atspi.Registry")
    public interface Registry extends DBusInterface {
        void RegisterEvent(String event, List<String> properties, String appBusName);
    }

    /** Before 2.34 the registry took the event alone. */
    @DBusInterfaceName("org.a11y.atspi.Registry")
    public interface OlderRegistry extends DBusInterface {
        void RegisterEvent(String event);
    }

    @DBusInterfaceName("org.a11y.atspi.Accessible")
    public interface Accessible extends DBusInterface {
        UInt32 GetRole();
    }
}
