package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.edge.RateLimit;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/**
 * A device that opens streams far faster than an agent reconnects is refused before the database is asked
 * (RESOURCE_EXHAUSTED, retry later), over real gRPC/TLS, while another device carries on; the allowance refills.
 */
class DeviceStreamRateTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final ConsoleOverGrpc ingest = new ConsoleOverGrpc();

    @Test
    void aDeviceOpeningStreamsBeyondItsAllowanceIsRefusedAndAnotherCarriesOn() throws Exception {
        EnrollResponse flooder = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        EnrollResponse other = ingest.client().enroll(ingest.console().mintEnrolmentToken());
        int beyond = 20; // fewer than a connection's 32 calls: more would close the connection (AgentConnections)
        List<DeviceStream> flood = new ArrayList<>();
        try {
            for (int i = 0; i < RateLimit.DEVICE_STREAMS.burst() + beyond; i++) {
                flood.add(new DeviceStream(ingest.client(), flooder.getDeviceId(), flooder.getDeviceSecret()));
            }
            // calls start on the client in their own order: the live one is whichever the console never ended
            waitUntil(WAIT, "every stream but the live one ended",
                    () -> flood.stream().filter(DeviceStream::hasEnded).count() == flood.size() - 1);
            int refused = 0;
            for (DeviceStream stream : flood.stream().filter(DeviceStream::hasEnded).toList()) {
                Status ended = stream.awaitEnd(WAIT);
                if (ended.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                    assertEquals("this device opens streams faster than an agent does; retry later",
                            ended.getDescription());
                    refused++;
                } else {
                    assertEquals(Status.Code.ABORTED, ended.getCode(), "replaced by a newer stream: " + ended);
                }
            }
            assertTrue(refused >= beyond - 5, "streams beyond the allowance are refused: " + refused);
            Event event = Events.valid().build();
            DeviceStream.sendAcked(ingest.client(), other.getDeviceId(), other.getDeviceSecret(), event, WAIT);
        } finally {
            flood.forEach(DeviceStream::close);
        }
        Thread.sleep(RateLimit.DEVICE_STREAMS.refillEvery().toMillis() * 2);
        Event later = Events.valid().build();
        DeviceStream.sendAcked(ingest.client(), flooder.getDeviceId(), flooder.getDeviceSecret(), later, WAIT);
    }
}
