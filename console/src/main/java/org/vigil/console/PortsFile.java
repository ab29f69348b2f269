package org.vigil.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** {@code <data>/console.ports}: the ports the console last listened on, for scripts and agent-config. */
public final class PortsFile {
    static final String NAME = "console.ports";

    private PortsFile() {
    }

    public static void write(Path dataDir, int httpPort, int grpcPort) throws IOException {
        Path temp = dataDir.resolve(NAME + ".tmp");
        Files.writeString(temp, "http=" + httpPort + "\ngrpc=" + grpcPort + "\n", StandardCharsets.UTF_8);
        Files.move(temp, dataDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Optional<Integer> grpcPort(Path dataDir) {
        try {
            for (String line : Files.readAllLines(dataDir.resolve(NAME), StandardCharsets.UTF_8)) {
                if (line.startsWith("grpc=")) {
                    return Optional.of(Integer.parseInt(line.substring("grpc=".length()).strip()));
                }
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
