package org.vigil.agent.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalTransportsTest {
    @Test
    void linuxAndMacUseTheUnixSocket() {
        assertEquals(Path.of("/run/vigil/agent.sock"),
                assertInstanceOf(UnixSocketTransport.class, LocalTransports.forOs("Linux", Optional.empty())).path());
        assertEquals(Path.of("/tmp/a.sock"), assertInstanceOf(UnixSocketTransport.class,
                LocalTransports.forOs("Mac OS X", Optional.of(Path.of("/tmp/a.sock")))).path());
    }

    @Test
    void windowsUsesTheNamedPipeOrTheOneGiven() {
        assertEquals("\\\\.\\pipe\\vigil-agent", assertInstanceOf(NamedPipeTransport.class,
                LocalTransports.forOs("Windows 11", Optional.empty())).describe());
        assertEquals("\\\\.\\pipe\\vigil-test", LocalTransports.forOs("Windows 10",
                Optional.of(Path.of("\\\\.\\pipe\\vigil-test"))).describe());
    }
}
