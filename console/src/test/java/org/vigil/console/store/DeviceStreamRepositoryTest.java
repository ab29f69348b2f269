package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Who holds each device's stream (V38, ADR 0173), on both databases: each take a higher generation, never two alike. */
class DeviceStreamRepositoryTest {
    private Database database;
    private DeviceStreamRepository streams;

    @BeforeEach
    void open(StoreUnderTest store) {
        database = store.open();
        streams = new DeviceStreamRepository(database, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnBothStores
    void eachTakeMovesTheDeviceToItsInstanceWithTheNextGeneration() {
        assertEquals(1, streams.take("d1", "c-a"));
        assertEquals(2, streams.take("d1", "c-b"));
        assertEquals(1, streams.take("d2", "c-b"), "generations are per device");
        assertEquals(3, streams.take("d1", "c-a"));
    }

    @OnBothStores
    void takesThatRaceGetDifferentGenerations() throws Exception {
        ExecutorService instances = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> takes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String instance = "c-" + i;
                takes.add(() -> streams.take("d1", instance));
            }
            TreeSet<Long> generations = new TreeSet<>();
            for (Future<Long> take : instances.invokeAll(takes)) {
                generations.add(take.get());
            }
            assertEquals(new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)), generations);
        } finally {
            instances.shutdownNow();
        }
    }
}
