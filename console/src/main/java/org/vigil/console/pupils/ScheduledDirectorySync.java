package org.vigil.console.pupils;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.Supervisor;

/**
 * Runs the directory sync inside the console on a supervised thread ({@code vigil-directory-sync} on
 * {@code /healthz}) every {@code every.hours} of the school's {@code pupil-sync.properties}, the first a minute
 * after the start. A run that fails (the directory down, a bad entry) changes nothing, is logged and counted by the
 * supervisor, and the next run tries again.
 */
public final class ScheduledDirectorySync {
    public static final Duration FIRST_RUN = Duration.ofMinutes(1);
    public static final String WORKER = "vigil-directory-sync";
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledDirectorySync.class);

    private ScheduledDirectorySync() {
    }

    public static void start(DirectorySync sync, LdapSyncSettings settings, Supervisor supervisor, Duration first) {
        LOG.info("Pupils are synced from {} every {} hours", settings, settings.every().toHours());
        supervisor.executor(WORKER).scheduleWithFixedDelay(() -> {
            DirectorySync.SyncOutcome outcome = sync.run("directory-sync");
            LOG.info("Directory sync: {}", outcome);
        }, first, settings.every());
    }
}
