package org.vigil.agent.local;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/** A Unix domain socket at a path; the peer's user comes from {@code SO_PEERCRED} (Linux and macOS). */
public final class UnixSocketTransport implements LocalTransport {
    private final Path path;

    public UnixSocketTransport(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Binds the service's socket so any local user can connect; a stale one left by a crash is replaced. */
    public ServerSocketChannel listen() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (posix) {
                // helpers run as the pupil: they must be able to reach the socket, and only the service writes here
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        if (posix) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        return server;
    }

    @Override
    public LocalLink connect() throws IOException {
        return new FramedChannel(connectChannel());
    }

    /** A plain connection to the service's socket, for a peer that writes its own bytes. */
    public SocketChannel connectChannel() throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(path));
    }

    /** The OS user of the process at the other end of an accepted connection, as {@code SO_PEERCRED} says. */
    public String peerUser(SocketChannel accepted) throws IOException {
        UnixDomainPrincipal principal = accepted.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return principal.user().getName();
    }

    /** Removes the socket file after the service stopped listening. */
    public void unlink() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a socket file left behind is replaced by the next listen()
        }
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
