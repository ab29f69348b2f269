package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.settings.Setting;
import org.vigil.console.store.School;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.SignInNotice;

/**
 * A school's settings changed on one console instance reach that school's devices streaming to another instance at
 * once, over the cluster bus (ADR 0207), not at their next Hello; another school's devices are sent nothing.
 */
class SchoolSettingsAcrossInstancesTest {
    private static final String PASSWORD = "cluster settings passphrase";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final TwoConsoles cluster = new TwoConsoles(PASSWORD, config -> config);
    private static GrpcTestClient toB;
    private static School oak;

    @BeforeAll
    static void oakAndAClientOfB() throws Exception {
        oak = cluster.a().services().schools().create("admin", "oak", "Oak Academy");
        toB = new GrpcTestClient(cluster.b());
    }

    @AfterAll
    static void closeClient() throws Exception {
        if (toB != null) {
            toB.close();
        }
    }

    @Test
    void aSchoolsNoticeChangedOnAReachesItsDevicesOnBWithinASecondAndNoOtherSchools() throws Exception {
        School first = cluster.a().services().schoolRepository().findById(School.FIRST).orElseThrow();
        EnrollResponse oakDevice = toB.enroll(cluster.a().mintEnrolmentToken("oak"));
        EnrollResponse firstDevice = toB.enroll(cluster.a().mintEnrolmentToken(first.code()));
        try (DeviceStream oakOnB = connected(oakDevice); DeviceStream firstOnB = connected(firstDevice)) {
            assertEquals(Setting.NOTICE_TEXT.defaultValue(), oakOnB.takeNotice(WAIT).getText(), "after the Hello");
            firstOnB.takeNotice(WAIT);
            waitUntil(WAIT, "both streams held by B", () -> cluster.count("SELECT count(*) FROM device_streams"
                    + " WHERE instance_id = ? AND device_id IN (?, ?)", cluster.b().instanceId(),
                    oakDevice.getDeviceId(), firstDevice.getDeviceId()) == 2);

            long changed = System.nanoTime();
            assertTrue(cluster.a().services().settings().change("oak-dsl", oak, Setting.NOTICE_TEXT,
                    "Oak Academy monitors its laptops for safeguarding."));
            SignInNotice pushed = oakOnB.takeNotice(WAIT);
            long millis = (System.nanoTime() - changed) / 1_000_000;
            assertEquals("Oak Academy monitors its laptops for safeguarding.", pushed.getText());
            assertTrue(millis < 1000, "oak's device on B had A's change " + millis + " ms after it committed");
            assertNull(firstOnB.pollNotice(Duration.ofMillis(1500)), "nothing for the other school's device");
            assertEquals(0, cluster.a().liveStreams(), "neither device ever streamed to A");

            assertTrue(cluster.a().services().settings().change("admin", Setting.NOTICE_TEXT,
                    "Every laptop of the trust is monitored."));
            assertEquals("Every laptop of the trust is monitored.", firstOnB.takeNotice(WAIT).getText(),
                    "the trust's new default reaches the school that follows it");
            assertNull(oakOnB.pollNotice(Duration.ofMillis(1500)), "oak keeps its own text: nothing new for it");
        }
    }

    private static DeviceStream connected(EnrollResponse device) {
        DeviceStream stream = new DeviceStream(toB, device.getDeviceId(), device.getDeviceSecret());
        stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setPolicyVersion("old")).build());
        return stream;
    }
}
