package org.vigil.console.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, as agents on the network are likely to know it. */
public final class MachineName {
    private MachineName() {
    }

    public static String get() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (UnknownHostException e) {
            // fall through to the environment
        }
        String env = System.getenv("HOSTNAME");
        if (env == null) {
            env = System.getenv("COMPUTERNAME");
        }
        return env == null || env.isBlank() ? "localhost" : env.strip();
    }
}
