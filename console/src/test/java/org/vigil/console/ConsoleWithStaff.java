package org.vigil.console;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vigil.proto.v1.Event;

/**
 * A {@link RunningConsole} for one test class with a DSL and an IT admin signed in over real HTTP
 * ({@code <prefix>-dsl}, {@code <prefix>-it}), for the tests of what each role may do on a page.
 */
final class ConsoleWithStaff implements BeforeAllCallback, AfterAllCallback {
    private final RunningConsole running;
    private final String password;
    private final String prefix;
    private WebSession dsl;
    private WebSession it;

    ConsoleWithStaff(String password, String prefix) {
        this.running = new RunningConsole(password);
        this.password = password;
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        running.beforeAll(context);
        WebSession admin = WebSession.signIn(console(), "admin", password);
        dsl = WebSession.newUser(console(), admin, prefix + "-dsl", "DSL");
        it = WebSession.newUser(console(), admin, prefix + "-it", "IT_ADMIN");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        running.afterAll(context);
    }

    Console console() {
        return running.get();
    }

    Path dataDir() {
        return console().dataDir();
    }

    /** Sends the events from an enrolled device over real gRPC; returns the captures' ids once stored. */
    List<Long> send(List<Event> events) throws Exception {
        return Seeder.send(console(), dataDir(), events);
    }

    WebSession dsl() {
        return dsl;
    }

    WebSession it() {
        return it;
    }
}
