package org.vigil.agent.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.proto.v1.Goodbye;
import org.vigil.proto.v1.HelperMessage;

class FrameDecoderTest {
    @Test
    void messagesSplitAnyhowAcrossReadsComeOutWholeAndInOrder() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HelperMessage first = HelperMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setReason("x".repeat(300)))
                .build();
        HelperMessage second = HelperMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setReason("y")).build();
        first.writeDelimitedTo(bytes);
        second.writeDelimitedTo(bytes);
        byte[] all = bytes.toByteArray();
        FrameDecoder decoder = new FrameDecoder(1024);

        List<byte[]> frames = new ArrayList<>();
        for (byte b : all) {
            frames.addAll(decoder.feed(ByteBuffer.wrap(new byte[] {b})));
        }

        assertEquals(2, frames.size());
        assertArrayEquals(first.toByteArray(), frames.get(0));
        assertEquals(second, HelperMessage.parseFrom(frames.get(1)));
    }

    @Test
    void aLengthAboveTheLimitIsRefusedBeforeItsBodyArrives() {
        FrameDecoder decoder = new FrameDecoder(100);

        LocalMessageException refused = assertThrows(LocalMessageException.class,
                () -> decoder.feed(ByteBuffer.wrap(new byte[] {(byte) 0xe5, 0x00})));

        assertTrue(refused.getMessage().contains("a message of 101 bytes"), refused.getMessage());
    }

    @Test
    void aLengthPrefixThatNeverEndsIsMalformed() {
        FrameDecoder decoder = new FrameDecoder(Integer.MAX_VALUE);
        byte[] endless = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

        assertThrows(LocalMessageException.class, () -> decoder.feed(ByteBuffer.wrap(endless)));
    }
}
