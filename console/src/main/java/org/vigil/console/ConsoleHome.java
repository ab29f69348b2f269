package org.vigil.console;

import java.io.IOException;
import java.nio.file.Path;
import org.vigil.console.store.DataDirs;
import org.vigil.console.store.Database;
import org.vigil.console.tls.ConsoleTls;
import org.vigil.console.tls.TlsMaterial;

/**
 * The data directory, opened: owner-only, database migrated, CA and server certificate ready. Closing it closes the
 * database.
 */
record ConsoleHome(Path dataDir, Database database, TlsMaterial tls) implements AutoCloseable {

    static ConsoleHome open(Path dataDir) {
        try {
            DataDirs.createPrivateDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Database database = Database.open(dataDir.resolve("vigil.db"));
        try {
            TlsMaterial tls = new ConsoleTls(dataDir.resolve("tls")).loadOrCreate();
            return new ConsoleHome(dataDir, database, tls);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
