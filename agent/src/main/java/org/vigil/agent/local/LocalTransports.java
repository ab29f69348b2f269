package org.vigil.agent.local;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.vigil.proto.WireNames;

/** The local transport for the OS the agent runs on: a named pipe on Windows, a Unix socket elsewhere. */
public final class LocalTransports {
    private LocalTransports() {
    }

    /**
     * @param osName the {@code os.name} system property
     * @param given  {@code --socket} or the config's {@code session.socket}: a socket path, or on Windows a pipe name
     */
    public static LocalTransport forOs(String osName, Optional<Path> given) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return new NamedPipeTransport(new JnaNamedPipes(),
                    given.map(Path::toString).orElse(NamedPipeTransport.DEFAULT_NAME));
        }
        return new UnixSocketTransport(given.orElse(Path.of(WireNames.DEFAULT_LOCAL_SOCKET)));
    }
}
