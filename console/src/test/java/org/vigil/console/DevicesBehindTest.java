package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Hello;

class DevicesBehindTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path dataDir;

    @Test
    void aDeviceIsBehindFromTheMomentANewPolicyIsPublishedUntilItReportsIt() throws Exception {
        try (Console console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
             GrpcTestClient client = new GrpcTestClient(console)) {
            SeededDevices seeded = new SeededDevices(console, dataDir, client);
            String before = console.policies().current().change().version();
            EnrollResponse device = seeded.enrolled("lab-pc-01");
            WebSession dsl = WebSession.signIn(console, "admin", PASSWORD);
            try (DeviceStream stream = seeded.connected(device, Hello.newBuilder().setPolicyVersion(before).build())) {
                assertFalse(dsl.get("/devices?show=behind").body().contains(device.getDeviceId()));

                String published = console.policies().editCategory("gambling", "3 | fruit machine\n", "it-alice",
                        Optional.of("test")).current().version();
                assertEquals(published, stream.take(Duration.ofSeconds(10)).getPolicy().getVersion(), "pushed");
                String behind = dsl.get("/devices?show=behind").body();
                assertTrue(behind.contains("<tr data-device=\"" + device.getDeviceId() + "\""), behind);
                assertTrue(behind.contains("title=\"expected " + published.substring(0, 12) + "\">BEHIND"), behind);

                seeded.set(device.getDeviceId(), "policy_version", published);
                assertFalse(dsl.get("/devices?show=behind").body().contains(device.getDeviceId()),
                        "caught up once it reports the new version");
            }
        }
    }
}
