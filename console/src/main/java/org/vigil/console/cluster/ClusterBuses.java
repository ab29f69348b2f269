package org.vigil.console.cluster;

import java.time.Duration;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.runtime.Supervisor;

/** The bus for the database a console runs on: PostgreSQL's LISTEN/NOTIFY, or none to speak of for SQLite. */
public final class ClusterBuses {
    private static final Duration FIRST_LISTEN = Duration.ofSeconds(10);

    private ClusterBuses() {
    }

    public static ClusterBus forDatabase(DatabaseChoice database, Supervisor supervisor) {
        if (!database.isPostgres()) {
            return InProcessBus.alone();
        }
        return PostgresBus.start(database.postgres().orElseThrow(), database.credentials().orElseThrow(),
                supervisor, FIRST_LISTEN);
    }
}
