package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stream takes in batches (ADR 0208), on both databases: one call takes more devices than one statement holds, a
 * device named twice is taken once, and each device's generation comes back as the row holds it; a later take by
 * another instance moves the row and raises the generation of the devices it names, and of no other.
 */
class DeviceStreamTakesTest {
    @OnBothStores
    void aBatchTakesEveryDeviceOnceAndALaterBatchElsewhereMovesOnlyItsOwn(StoreUnderTest store) {
        Database database = store.open();
        DeviceStreamRepository streams = new DeviceStreamRepository(database, Clock.systemUTC());
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
