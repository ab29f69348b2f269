package org.vigil.agent.local;

import java.io.IOException;

/**
 * A Windows named pipe, {@value #DEFAULT_NAME} by default (ADR 0117). The service makes the first instance with
 * {@code FILE_FLAG_FIRST_PIPE_INSTANCE}, so a process that took the name first (a squatter posing as the service)
 * makes the service refuse to start rather than talk past it; the pipe's DACL lets SYSTEM and Administrators do
 * anything and interactive users read and write but not create instances; remote clients are rejected. The user
 * recorded on a helper's captures is the account of the client process's token, as {@code SO_PEERCRED} gives it
 * on Linux.
 */
public final class NamedPipeTransport implements LocalTransport {
    public static final String DEFAULT_NAME = "\\\\.\\pipe\\vigil-agent";
    /**
     * SYSTEM and Administrators: all; interactive users: {@code FILE_GENERIC_READ | FILE_WRITE_DATA |
     * FILE_WRITE_ATTRIBUTES} (0x12018b), which leaves out {@code FILE_CREATE_PIPE_INSTANCE} (0x4); nobody else.
     */
    public static final String SDDL = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;0x12018b;;;IU)";
    /** As many helpers as the Unix-socket server takes. */
    public static final int MAX_INSTANCES = 32;

    private final NamedPipes pipes;
    private final String name;

    public NamedPipeTransport(NamedPipes pipes, String name) {
        this.pipes = pipes;
        this.name = name;
    }

    /** A helper connecting, and what the service learnt of it. */
    public record Accepted(LocalLink link, String user) {
    }

    @Override
    public LocalLink connect() throws IOException {
        return new PipeLink(pipes, pipes.open(name));
    }

    /**
     * The service's first instance of the pipe.
     *
     * @throws PipeException saying plainly that another process holds the name, when one does
     */
    public long firstInstance() throws PipeException {
        try {
            return pipes.createInstance(name, true, MAX_INSTANCES, SDDL);
        } catch (PipeException e) {
            if (e.error() == NamedPipes.ERROR_ACCESS_DENIED) {
                throw new PipeException("CreateNamedPipe(" + name + ", FILE_FLAG_FIRST_PIPE_INSTANCE)", e.error(),
                        "another process already holds this pipe (a second service, or a program posing as it):"
                                + " refusing to serve session helpers on it");
            }
            throw e;
        }
    }

    /** Another instance, for the next helper, once the one before has a client. */
    public long nextInstance() throws PipeException {
        return pipes.createInstance(name, false, MAX_INSTANCES, SDDL);
    }

    /**
     * Waits for a helper on {@code instance} and reads its user from its process's token. When the user cannot be
     * read the instance is closed and the helper refused.
     */
    public Accepted accept(long instance) throws IOException {
        try {
            pipes.awaitClient(instance);
            return new Accepted(new PipeLink(pipes, instance), pipes.clientUser(instance));
        } catch (IOException e) {
            pipes.close(instance);
            throw e;
        }
    }

    @Override
    public String describe() {
        return name;
    }
}
