package org.vigil.agent.local;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts bytes read from a non-blocking socket into length-delimited messages (a base-128 varint length, then that
 * many bytes: what {@code writeDelimitedTo} writes). A length above the limit is refused as soon as the prefix is
 * read, so a peer cannot make the reader allocate more than it sends; the body grows as its bytes arrive.
 */
final class FrameDecoder {
    private static final int MAX_VARINT_BYTES = 5;

    private final int maxBytes;
    private int length = -1;
    private int shift;
    private int lengthSoFar;
    private int prefixBytes;
    private ByteArrayOutputStream body = new ByteArrayOutputStream();

    FrameDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The whole messages completed by these bytes, in order; what remains of a partial one is kept. */
    List<byte[]> feed(ByteBuffer bytes) throws LocalMessageException {
        List<byte[]> frames = new ArrayList<>();
        while (bytes.hasRemaining()) {
            if (length < 0) {
                readPrefixByte(bytes.get());
            } else {
                int take = Math.min(bytes.remaining(), length - body.size());
                body.write(bytes.array(), bytes.arrayOffset() + bytes.position(), take);
                bytes.position(bytes.position() + take);
            }
            if (length >= 0 && body.size() == length) {
                frames.add(body.toByteArray());
                body = new ByteArrayOutputStream();
                length = -1;
            }
        }
        return frames;
    }

    /** Whether part of a message has been read and not the rest. */
    boolean midMessage() {
        return prefixBytes > 0 || length >= 0;
    }

    private void readPrefixByte(byte b) throws LocalMessageException {
        if (prefixBytes == MAX_VARINT_BYTES) {
            throw new LocalMessageException("malformed length prefix");
        }
        lengthSoFar |= (b & 0x7f) << shift;
        shift += 7;
        prefixBytes++;
        if ((b & 0x80) != 0) {
            return;
        }
        if (lengthSoFar < 0 || lengthSoFar > maxBytes) {
            throw new LocalMessageException("a message of " + Integer.toUnsignedString(lengthSoFar)
                    + " bytes (at most " + maxBytes + " allowed)");
        }
        length = lengthSoFar;
        lengthSoFar = 0;
        shift = 0;
        prefixBytes = 0;
    }
}
