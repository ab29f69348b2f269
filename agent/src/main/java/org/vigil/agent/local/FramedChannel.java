package org.vigil.agent.local;

import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.vigil.proto.WireNames;

/**
 * One end of a Unix-socket connection in non-blocking mode: {@link #read()} gives the whole messages that have
 * arrived, {@link #send} queues one (any thread), {@link #flush()} writes what the socket takes. The service drives
 * many from its own selector; a helper waits on its one with {@link #await}.
 */
public final class FramedChannel implements LocalLink {
    private static final int READ_BUFFER = 64 * 1024;

    private final SocketChannel channel;
    private final FrameDecoder decoder = new FrameDecoder(WireNames.MAX_LOCAL_MESSAGE_BYTES);
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final Deque<ByteBuffer> outgoing = new ArrayDeque<>();
    private Selector selector;
    private SelectionKey key;
    private volatile boolean wakeupPending;

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
    @Override
    public List<byte[]> read() throws IOException, LocalMessageException {
        readBuffer.clear();
        int n = channel.read(readBuffer);
        if (n < 0) {
            throw new java.io.EOFException(decoder.midMessage() ? "closed in the middle of a message" : "closed");
        }
        readBuffer.flip();
        return decoder.feed(readBuffer);
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
            outgoing.add(ByteBuffer.wrap(bytes.toByteArray()));
        }
    }

    @Override
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

    @Override
    public boolean hasOutgoing() {
        synchronized (outgoing) {
            return !outgoing.isEmpty();
        }
    }

    @Override
    public void await(Duration timeout) throws IOException {
        synchronized (this) {
            if (selector == null) {
                selector = Selector.open();
                key = channel.register(selector, SelectionKey.OP_READ);
            }
        }
        if (wakeupPending) {
            wakeupPending = false;
            return;
        }
        key.interestOps(hasOutgoing() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        selector.select(Math.max(1, timeout.toMillis()));
        selector.selectedKeys().clear();
        wakeupPending = false;
    }

    @Override
    public void wakeup() {
        wakeupPending = true;
        Selector waiting = selector;
        if (waiting != null) {
            waiting.wakeup();
        }
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (selector != null) {
                    selector.close();
                }
            }
            channel.close();
        } catch (IOException e) {
            // closing a local socket that is already gone: nothing to do
        }
    }
}
