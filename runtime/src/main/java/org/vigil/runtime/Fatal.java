package org.vigil.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What happens when a worker fails in a way the process cannot recover from (out of memory, a JVM error). */
@FunctionalInterface
public interface Fatal {
    /** EX_SOFTWARE: the exit code a service manager sees when the process gives up. */
    int EXIT_CODE = 70;

    void failed(String worker, Throwable cause);

    /**
     * Ends the process with {@link #EXIT_CODE} so its service manager (systemd, launchd, the Windows service
     * manager) starts it again. Shutdown hooks run; if they hang, the process is halted after 15 s.
     */
    static Fatal exitProcess() {
        return (worker, cause) -> {
            Logger log = LoggerFactory.getLogger(Fatal.class);
            log.error("{} failed and this process cannot go on safely: exiting with code {} to be restarted",
                    worker, EXIT_CODE, cause);
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(EXIT_CODE);
            }, "vigil-fatal-halt");
            halt.setDaemon(true);
            halt.start();
            new Thread(() -> System.exit(EXIT_CODE), "vigil-fatal-exit").start();
        };
    }
}
