package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Who holds each device's stream (V38, ADR 0173), on both databases: each take a higher generation, never two alike;
 * takes in batches (ADR 0208) take every device once, more than one statement holds, and race as single takes do.
 */
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

    @OnBothStores
    void aBatchTakesEveryDeviceOnceAndALaterBatchElsewhereMovesOnlyItsOwn() {
        int count = DeviceStreamRepository.ROWS_PER_STATEMENT * 2 + 17;
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            devices.add("laptop-" + i);
        }
        assertEquals(1, streams.take("laptop-5", "c-a"), "one device taken first, on its own");
        List<String> named = new ArrayList<>(devices);
        named.add("laptop-7");

        Map<String, Long> first = streams.takeAll(named, "c-a");

        Map<String, Long> expected = new HashMap<>();
        devices.forEach(device -> expected.put(device, device.equals("laptop-5") ? 2L : 1L));
        assertEquals(expected, first, "every device once, laptop-5 at its second take");
        assertEquals(expected, stored(database, "c-a"));

        List<String> moved = devices.subList(100, DeviceStreamRepository.ROWS_PER_STATEMENT + 140);
        Map<String, Long> second = streams.takeAll(moved, "c-b");

        assertEquals(moved.size(), second.size());
        moved.forEach(device -> expected.put(device, expected.get(device) + 1));
        moved.forEach(device -> assertEquals(expected.get(device), second.get(device), device));
        Map<String, Long> onB = stored(database, "c-b");
        assertEquals(moved.size(), onB.size(), "the second instance holds the devices it took");
        onB.forEach((device, generation) -> assertEquals(expected.get(device), generation, device));
        assertEquals(count - moved.size(), stored(database, "c-a").size(), "the rest stay with the first");
    }

    @OnBothStores
    void batchesThatRaceOverTheSameDevicesGiveEachDeviceDifferentGenerations() throws Exception {
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < DeviceStreamRepository.ROWS_PER_STATEMENT + 40; i++) {
            devices.add("laptop-" + i);
        }
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Future<Map<String, Long>> a = instances.submit(() -> streams.takeAll(devices, "c-a"));
            Future<Map<String, Long>> b = instances.submit(() -> streams.takeAll(devices, "c-b"));
            Map<String, Long> byA = a.get();
            Map<String, Long> byB = b.get();
            for (String device : devices) {
                assertEquals(new TreeSet<>(List.of(1L, 2L)), new TreeSet<>(List.of(byA.get(device), byB.get(device))),
                        device);
            }
        } finally {
            instances.shutdownNow();
        }
    }

    private static Map<String, Long> stored(Database database, String instance) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT device_id, generation FROM device_streams WHERE instance_id = ?")) {
                statement.setString(1, instance);
                Map<String, Long> out = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return out;
            }
        });
    }
}
