package dev.tollgate.adapter.out.provider.bedrock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Reads the binary AWS event-stream format ({@code application/vnd.amazon.eventstream}) one message at a time.
 *
 * <p>A message, all integers big-endian: the prelude (total length, 4 bytes; headers length, 4 bytes; CRC32 of those
 * 8 bytes, 4 bytes), the headers, the payload, and the CRC32 of everything before it (4 bytes). A header is its
 * name's length (1 byte), the name (UTF-8), a value type (1 byte) and the value: 0 true, 1 false (no bytes), 2 byte,
 * 3 short, 4 int, 5 long, 6 byte array and 7 string (2-byte length then the bytes), 8 timestamp (8-byte epoch
 * milliseconds), 9 UUID (16 bytes). Both CRCs are checked; a message longer than {@value #MAX_MESSAGE_BYTES} bytes is
 * refused.
 */
public final class EventStreamDecoder {
    /** The largest message accepted (AWS allows a 16 MiB payload plus 128 KiB of headers). */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + 128 * 1024 + 16;

    private static final int PRELUDE_BYTES = 12;
    private static final int MIN_MESSAGE_BYTES = 16;

    /** The stream is not valid event-stream data (a bad CRC, an impossible length, a truncated message). */
    public static final class MalformedException extends IOException {
        public MalformedException(String message) {
            super(message);
        }
    }

    /** One message: its headers (strings for string values, else the natural Java type) and payload. */
    public record Message(Map<String, Object> headers, byte[] payload) {
        /** A header's value as a string (null when absent). */
        public String header(String name) {
            Object value = headers.get(name);
            return value == null ? null : value.toString();
        }
    }

    private final InputStream in;

    public EventStreamDecoder(InputStream in) {
        this.in = in;
    }

    /**
     * The next message, or null when the stream ended cleanly between two messages.
     *
     * @throws MalformedException when the data is not a valid message
     * @throws IOException        when reading fails
     */
    public Message next() throws IOException {
        byte[] prelude = new byte[PRELUDE_BYTES];
        int read = readFully(prelude, 0, PRELUDE_BYTES);
        if (read == 0) {
            return null;
        }
        if (read < PRELUDE_BYTES) {
            throw new MalformedException("the event stream ended inside a message prelude");
        }
        ByteBuffer p = ByteBuffer.wrap(prelude);
        long totalLength = Integer.toUnsignedLong(p.getInt());
        long headersLength = Integer.toUnsignedLong(p.getInt());
        long preludeCrc = Integer.toUnsignedLong(p.getInt());
        if (crc(prelude, 0, 8) != preludeCrc) {
            throw new MalformedException("an event stream message has a bad prelude CRC");
        }
        if (totalLength < MIN_MESSAGE_BYTES
                || totalLength > MAX_MESSAGE_BYTES
                || headersLength > totalLength - MIN_MESSAGE_BYTES) {
            throw new MalformedException("an event stream message has impossible lengths");
        }
        byte[] message = new byte[(int) totalLength];
        System.arraycopy(prelude, 0, message, 0, PRELUDE_BYTES);
        int rest = (int) totalLength - PRELUDE_BYTES;
        if (readFully(message, PRELUDE_BYTES, rest) < rest) {
            throw new MalformedException("the event stream ended inside a message");
        }
        int end = (int) totalLength - 4;
        long messageCrc =
                Integer.toUnsignedLong(ByteBuffer.wrap(message, end, 4).getInt());
        if (crc(message, 0, end) != messageCrc) {
            throw new MalformedException("an event stream message has a bad message CRC");
        }
        int headersEnd = PRELUDE_BYTES + (int) headersLength;
        Map<String, Object> headers = headers(ByteBuffer.wrap(message, PRELUDE_BYTES, (int) headersLength));
        byte[] payload = new byte[end - headersEnd];
        System.arraycopy(message, headersEnd, payload, 0, payload.length);
        return new Message(headers, payload);
    }

    /** Reads until {@code length} bytes arrived or the stream ended; the count read. */
    private int readFully(byte[] into, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(into, offset + total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static Map<String, Object> headers(ByteBuffer b) throws MalformedException {
        Map<String, Object> headers = new LinkedHashMap<>();
        try {
            while (b.hasRemaining()) {
                int nameLength = Byte.toUnsignedInt(b.get());
                byte[] name = new byte[nameLength];
                b.get(name);
                int type = Byte.toUnsignedInt(b.get());
                Object value = switch (type) {
                    case 0 -> Boolean.TRUE;
                    case 1 -> Boolean.FALSE;
                    case 2 -> b.get();
                    case 3 -> b.getShort();
                    case 4 -> b.getInt();
                    case 5 -> b.getLong();
                    case 6 -> {
                        byte[] bytes = new byte[Short.toUnsignedInt(b.getShort())];
                        b.get(bytes);
                        yield bytes;
                    }
                    case 7 -> {
                        byte[] bytes = new byte[Short.toUnsignedInt(b.getShort())];
                        b.get(bytes);
                        yield new String(bytes, StandardCharsets.UTF_8);
                    }
                    case 8 -> Instant.ofEpochMilli(b.getLong());
                    case 9 -> new UUID(b.getLong(), b.getLong());
                    default -> throw new MalformedException("an event stream header has the unknown type " + type);
                };
                headers.put(new String(name, StandardCharsets.UTF_8), value);
            }
        } catch (BufferUnderflowException e) {
            throw new MalformedException("an event stream message's headers are truncated");
        }
        return Collections.unmodifiableMap(headers);
    }

    private static long crc(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return crc.getValue();
    }
}
