package org.vigil.agent.local;

import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.vigil.proto.WireNames;

/**
 * One end of a local connection in non-blocking mode, driven by a selector loop: {@link #read()} gives the whole
 * messages that have arrived, {@link #send} queues one (any thread), {@link #flush()} writes what the socket takes.
 */
public final class FramedChannel implements AutoCloseable {
    private static final int READ_BUFFER = 64 * 1024;

    private final SocketChannel channel;
    private final FrameDecoder decoder = new FrameDecoder(WireNames.MAX_LOCAL_MESSAGE_BYTES);
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final Deque<ByteBuffer> outgoing = new ArrayDeque<>();

    public FramedChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
    }

    public SocketChannel channel() {
        return channel;
    }

    /**
     * The messages completed by what the socket has now.
     *
     * @throws java.io.EOFException when the peer has closed its end
     * @throws LocalMessageException when the peer sent a message too large or malformed to frame
     */
    public List<byte[]> read() throws IOException, LocalMessageException {
        readBuffer.clear();
        int n = channel.read(readBuffer);
        if (n < 0) {
            throw new java.io.EOFException(decoder.midMessage() ? "closed in the middle of a message" : "closed");
        }
        readBuffer.flip();
        return decoder.feed(readBuffer);
    }

    /** Queues a message to be written by the next {@link #flush()}. */
    public void send(MessageLite message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(message.getSerializedSize() + 5);
        try {
            message.writeDelimitedTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (outgoing) {
            outgoing.add(ByteBuffer.wrap(bytes.toByteArray()));
        }
    }

    /** Writes what the socket takes now; whether everything queued is written. */
    public boolean flush() throws IOException {
        synchronized (outgoing) {
            while (!outgoing.isEmpty()) {
                ByteBuffer head = outgoing.peek();
                channel.write(head);
                if (head.hasRemaining()) {
                    return false;
                }
                outgoing.poll();
            }
            return true;
        }
    }

    public boolean hasOutgoing() {
        synchronized (outgoing) {
            return !outgoing.isEmpty();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a local socket that is already gone: nothing to do
        }
    }
}
