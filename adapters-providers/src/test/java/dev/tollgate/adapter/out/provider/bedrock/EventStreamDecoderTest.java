package dev.tollgate.adapter.out.provider.bedrock;

import static dev.tollgate.adapter.out.provider.bedrock.EventStreamFrames.concat;
import static dev.tollgate.adapter.out.provider.bedrock.EventStreamFrames.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class EventStreamDecoderTest {

    /** Hands out at most {@code piece} bytes per read, as a network would. */
    private static InputStream trickle(byte[] data, int piece) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, piece));
            }
        };
    }

    @Test
    void givenTwoMessagesArrivingInSmallPieces_whenDecoding_thenHeadersAndPayloadsComeBackAndThenTheEnd()
            throws IOException {
        // given
        byte[] stream = concat(
                event("messageStart", "{\"role\":\"assistant\"}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"h\u00e9\"}}"));
        EventStreamDecoder decoder = new EventStreamDecoder(trickle(stream, 3));

        // when
        EventStreamDecoder.Message first = decoder.next();
        EventStreamDecoder.Message second = decoder.next();
        EventStreamDecoder.Message end = decoder.next();

        // then
        assertThat(first.header(":event-type")).isEqualTo("messageStart");
        assertThat(first.header(":message-type")).isEqualTo("event");
        assertThat(first.header(":content-type")).isEqualTo("application/json");
        assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"role\":\"assistant\"}");
        assertThat(second.header(":event-type")).isEqualTo("contentBlockDelta");
        assertThat(new String(second.payload(), StandardCharsets.UTF_8)).contains("h\u00e9");
        assertThat(end).isNull();
    }

    @Test
    void givenHeadersOfEveryValueType_whenDecoding_thenEachIsReadWithItsType() throws IOException {
        // given
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        header(h, "t", 0, new byte[0]);
        header(h, "f", 1, new byte[0]);
        header(h, "b", 2, new byte[] {-3});
        header(h, "s", 3, ByteBuffer.allocate(2).putShort((short) 300).array());
        header(h, "i", 4, ByteBuffer.allocate(4).putInt(70_000).array());
        header(h, "l", 5, ByteBuffer.allocate(8).putLong(1L << 40).array());
        header(
                h,
                "bytes",
                6,
                ByteBuffer.allocate(5)
                        .putShort((short) 3)
                        .put(new byte[] {1, 2, 3})
                        .array());
        header(h, "ts", 8, ByteBuffer.allocate(8).putLong(1_700_000_000_123L).array());
        UUID uuid = UUID.randomUUID();
        header(
                h,
                "u",
                9,
                ByteBuffer.allocate(16)
                        .putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits())
                        .array());

        // when
        EventStreamDecoder.Message m = new EventStreamDecoder(
                        new ByteArrayInputStream(EventStreamFrames.frame(h.toByteArray(), new byte[0])))
                .next();

        // then
        assertThat(m.headers())
                .containsEntry("t", true)
                .containsEntry("f", false)
                .containsEntry("b", (byte) -3)
                .containsEntry("s", (short) 300)
                .containsEntry("i", 70_000)
                .containsEntry("l", 1L << 40)
                .containsEntry("ts", Instant.ofEpochMilli(1_700_000_000_123L))
                .containsEntry("u", uuid);
        assertThat((byte[]) m.headers().get("bytes")).containsExactly(1, 2, 3);
        assertThat(m.payload()).isEmpty();
    }

    private static void header(ByteArrayOutputStream h, String name, int type, byte[] value) {
        h.write(name.length());
        h.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        h.write(type);
        h.writeBytes(value);
    }

    @Test
    void givenACorruptPayloadByte_whenDecoding_thenTheMessageCrcRefusesIt() {
        // given
        byte[] frame = event("messageStop", "{\"stopReason\":\"end_turn\"}");
        frame[frame.length - 8] ^= 0x01;

        // then
        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(frame)).next())
                .isInstanceOf(EventStreamDecoder.MalformedException.class)
                .hasMessageContaining("message CRC");
    }

    @Test
    void givenACorruptLength_whenDecoding_thenThePreludeCrcRefusesIt() {
        // given
        byte[] frame = event("messageStop", "{\"stopReason\":\"end_turn\"}");
        frame[3] ^= 0x04;

        // then
        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(frame)).next())
                .isInstanceOf(EventStreamDecoder.MalformedException.class)
                .hasMessageContaining("prelude CRC");
    }

    @Test
    void givenAStreamCutInsideAMessage_whenDecoding_thenItIsMalformed() {
        // given
        byte[] frame = event("messageStop", "{\"stopReason\":\"end_turn\"}");
        byte[] cut = Arrays.copyOf(frame, frame.length - 5);
        byte[] cutPrelude = Arrays.copyOf(frame, 7);

        // then
        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(cut)).next())
                .isInstanceOf(EventStreamDecoder.MalformedException.class)
                .hasMessageContaining("inside a message");
        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(cutPrelude)).next())
                .isInstanceOf(EventStreamDecoder.MalformedException.class)
                .hasMessageContaining("prelude");
    }

    @Test
    void givenAValidPreludeWithImpossibleLengths_whenDecoding_thenItIsRefusedBeforeReadingOn() {
        // given: total length 8 (below the 16-byte minimum) with a correct prelude CRC
        ByteBuffer prelude = ByteBuffer.allocate(12).putInt(8).putInt(0);
        CRC32 crc = new CRC32();
        crc.update(prelude.array(), 0, 8);
        prelude.putInt((int) crc.getValue());

        // then
        assertThatThrownBy(() -> new EventStreamDecoder(new ByteArrayInputStream(prelude.array())).next())
                .isInstanceOf(EventStreamDecoder.MalformedException.class)
                .hasMessageContaining("impossible");
    }
}
