package org.vigil.agent.local;

import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.vigil.proto.WireNames;

/**
 * One end of a named-pipe connection. A synchronous pipe handle serialises its I/O (a {@code ReadFile} waiting for
 * the peer would hold up every {@code WriteFile}), so nothing here waits in a read: {@link #read()} takes only what
 * {@code PeekNamedPipe} says has arrived, and {@link #await} looks again every {@link #POLL} until then.
 */
public final class PipeLink implements LocalLink {
    /** How often a waiting link looks for bytes; writes never wait for it (a send wakes it). */
    static final Duration POLL = Duration.ofMillis(100);
    private static final int READ_CHUNK = 64 * 1024;

    private final NamedPipes pipes;
    private final long handle;
    private final FrameDecoder decoder = new FrameDecoder(WireNames.MAX_LOCAL_MESSAGE_BYTES);
    private final Deque<byte[]> outgoing = new ArrayDeque<>();
    private final Object waiting = new Object();
    private boolean wakeupPending;

    PipeLink(NamedPipes pipes, long handle) {
        this.pipes = pipes;
        this.handle = handle;
    }

    @Override
    public List<byte[]> read() throws IOException, LocalMessageException {
        int available = available();
        if (available == 0) {
            return List.of();
        }
        byte[] chunk = new byte[Math.min(available, READ_CHUNK)];
        int n = pipes.read(handle, chunk);
        return decoder.feed(ByteBuffer.wrap(chunk, 0, n));
    }

    private int available() throws IOException {
        try {
            return pipes.available(handle);
        } catch (PipeException e) {
            if (e.error() == NamedPipes.ERROR_BROKEN_PIPE) {
                throw new EOFException(decoder.midMessage() ? "closed in the middle of a message" : "closed");
            }
            throw e;
        }
    }

    @Override
    public void send(MessageLite message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.getSerializedSize() + 5);
        try {
            message.writeDelimitedTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (outgoing) {
            outgoing.add(bytes.toByteArray());
        }
    }

    @Override
    public boolean flush() throws IOException {
        synchronized (outgoing) {
            while (!outgoing.isEmpty()) {
                pipes.write(handle, outgoing.peek());
                outgoing.poll();
            }
            return true;
        }
    }

    @Override
    public boolean hasOutgoing() {
        synchronized (outgoing) {
            return !outgoing.isEmpty();
        }
    }

    @Override
    public void await(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (waiting) {
            while (!wakeupPending) {
                try {
                    if (available() > 0) {
                        return;
                    }
                } catch (EOFException e) {
                    return; // the next read says so
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    waiting.wait(Math.max(1, Math.min(POLL.toMillis(), left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            wakeupPending = false;
        }
    }

    @Override
    public void wakeup() {
        synchronized (waiting) {
            wakeupPending = true;
            waiting.notifyAll();
        }
    }

    @Override
    public void close() {
        pipes.close(handle);
    }
}
