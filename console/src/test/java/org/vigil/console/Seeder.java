package org.vigil.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/** Sends events to a console as one enrolled device would, and returns the ids of the captures they became. */
final class Seeder {
    private Seeder() {
    }

    static List<Long> send(Console console, Path dataDir, List<Event> events) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (GrpcTestClient client = new GrpcTestClient(console)) {
            EnrollResponse device = client.enroll(console.mintEnrolmentToken());
            try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
                for (Event event : events) {
                    stream.send(event);
                    stream.take(Duration.ofSeconds(10));
                    ids.add(Db.count(dataDir, "SELECT id FROM captures WHERE event_id = ?", event.getEventId()));
                }
            }
        }
        return ids;
    }
}
