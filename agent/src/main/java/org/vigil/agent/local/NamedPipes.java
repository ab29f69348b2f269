package org.vigil.agent.local;

import java.io.IOException;

/**
 * The Win32 named-pipe calls the agent makes, as plain values, so {@link NamedPipeTransport} and {@link PipeLink}
 * are tested anywhere against a fake written from Microsoft's documentation and only {@link JnaNamedPipes} needs
 * Windows. Handles are {@code long}. Failures are {@link PipeException}s carrying the Win32 error.
 */
public interface NamedPipes {
    int ERROR_FILE_NOT_FOUND = 2;
    int ERROR_ACCESS_DENIED = 5;
    int ERROR_BROKEN_PIPE = 109;
    int ERROR_PIPE_BUSY = 231;

    /**
     * {@code CreateNamedPipeW} (duplex, byte mode, {@code PIPE_REJECT_REMOTE_CLIENTS}) with the security descriptor
     * of {@code sddl}; {@code first} adds {@code FILE_FLAG_FIRST_PIPE_INSTANCE}, which fails with
     * {@link #ERROR_ACCESS_DENIED} when any instance of the name exists already.
     */
    long createInstance(String name, boolean first, int maxInstances, String sddl) throws PipeException;

    /** {@code ConnectNamedPipe}: waits for a client on this instance ({@code ERROR_PIPE_CONNECTED} is success). */
    void awaitClient(long instance) throws PipeException;

    /**
     * The account of the client's process: {@code GetNamedPipeClientProcessId}, {@code OpenProcess},
     * {@code OpenProcessToken}, {@code GetTokenInformation(TokenUser)}, {@code LookupAccountSidW}, as
     * {@code DOMAIN\\name}.
     */
    String clientUser(long instance) throws PipeException;

    /**
     * {@code CreateFileW} for {@code GENERIC_READ | FILE_WRITE_DATA} (not {@code GENERIC_WRITE}, whose
     * {@code FILE_APPEND_DATA} is the right to create instances, which helpers are not given); while every instance
     * is busy, {@code WaitNamedPipeW} up to a few seconds.
     */
    long open(String name) throws PipeException;

    /** {@code PeekNamedPipe}: bytes waiting to be read; {@link #ERROR_BROKEN_PIPE} when the other end closed. */
    int available(long pipe) throws PipeException;

    /** {@code ReadFile} of at most {@code into.length} bytes; called only with bytes available. */
    int read(long pipe, byte[] into) throws PipeException;

    /** {@code WriteFile} of all the bytes (waits while the pipe's buffer is full). */
    void write(long pipe, byte[] bytes) throws PipeException;

    /**
     * A server instance: {@code FlushFileBuffers}, {@code DisconnectNamedPipe}, {@code CloseHandle}; a client's
     * handle: {@code CloseHandle}.
     */
    void close(long pipe);
}
