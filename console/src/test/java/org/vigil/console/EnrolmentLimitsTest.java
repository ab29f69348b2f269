package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment cannot be flooded or guessed (issue 13), over real gRPC/TLS: a token enrols at most its cap of devices,
 * and an address that keeps presenting bad tokens is locked out, even with a good one.
 */
class EnrolmentLimitsTest {
    @TempDir
    Path dataDir;
    private Console console;
    private GrpcTestClient client;

    @BeforeEach
    void start() throws Exception {
        console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp());
        client = new GrpcTestClient(console);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        console.close();
    }

    @Test
    void aTokenEnrolsAtMostItsCapOfDevices() {
        String token = console.mintEnrolmentToken();
        assertEquals(2000, Db.count(dataDir, "SELECT max_devices FROM enrolment_tokens"), "new tokens have a cap");
        assertEquals(null, Db.tryUpdate(dataDir, "UPDATE enrolment_tokens SET max_devices = 2"));
        client.enroll(token);
        client.enroll(token);

        StatusRuntimeException third = assertThrows(StatusRuntimeException.class, () -> client.enroll(token));
        assertEquals(Status.Code.UNAUTHENTICATED, third.getStatus().getCode());
        assertEquals("enrolment token is unknown, expired, revoked or used by its maximum of devices",
                third.getStatus().getDescription());
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM devices"));
    }

    @Test
    void anAddressThatKeepsGuessingTokensIsLockedOutEvenWithAGoodOne() {
        for (int i = 0; i < 10; i++) {
            StatusRuntimeException guess = assertThrows(StatusRuntimeException.class,
                    () -> client.enroll("guess-" + System.nanoTime()));
            assertEquals(Status.Code.UNAUTHENTICATED, guess.getStatus().getCode());
        }
        String good = console.mintEnrolmentToken();
        StatusRuntimeException locked = assertThrows(StatusRuntimeException.class, () -> client.enroll(good));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, locked.getStatus().getCode());
        assertTrue(locked.getStatus().getDescription().startsWith("too many enrolments from this address; try again"
                + " in "), locked.getStatus().getDescription());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM devices"));
    }
}
