package dev.tollgate.adapter.out.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads server-sent events from a byte stream: lines end with LF or CRLF, an event ends at a blank line, several
 * {@code data:} lines of one event are joined with LF, comment lines ({@code :}) and other fields are ignored.
 */
public final class SseReader {
    static final class TruncatedStreamException extends IOException {
        TruncatedStreamException() {
            super("the stream ended in the middle of an event");
        }
    }

    private final InputStream in;
    /**
     * The most bytes one event (its data lines together) or one line may hold: far above any text or tool-call delta,
     * room for an image generated in pieces; a provider that sends more is cut off as a broken stream.
     */
    public static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    public SseReader(InputStream in) {
        this.in = in;
    }

    /** An event's data, or a comment line (a keep-alive) that stood on its own between events. */
    public record Item(byte[] data, byte[] comment) {}

    /** The next event's data, or null at a clean end of stream; comments are skipped. */
    public byte[] next() throws IOException {
        while (true) {
            Item item = nextItem();
            if (item == null || item.data() != null) {
                return item == null ? null : item.data();
            }
        }
    }

    /**
     * The next event or standalone comment, or null at a clean end of stream. A comment is returned on its own only
     * between events (not inside one), without its leading {@code :}.
     */
    public Item nextItem() throws IOException {
        ByteArrayOutputStream data = null;
        boolean sawField = false;
        while (true) {
            byte[] line = readLine();
            if (line == null) {
                if (sawField) {
                    throw new TruncatedStreamException();
                }
                return null;
            }
            if (line.length == 0) {
                if (data != null) {
                    return new Item(data.toByteArray(), null);
                }
                sawField = false;
                continue;
            }
            if (line[0] == ':') {
                if (data == null && !sawField) {
                    return new Item(null, Arrays.copyOfRange(line, 1, line.length));
                }
                continue;
            }
            sawField = true;
            if (startsWith(line, "data:")) {
                int from = 5;
                if (line.length > from && line[from] == ' ') {
                    from++;
                }
                if (data == null) {
                    data = new ByteArrayOutputStream(line.length);
                } else {
                    data.write('\n');
                }
                data.write(line, from, line.length - from);
                if (data.size() > MAX_EVENT_BYTES) {
                    throw new IOException("a stream event is larger than " + MAX_EVENT_BYTES + " bytes");
                }
            }
        }
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A line without its terminator, or null at end of stream (a last unterminated line is returned first). */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line == null ? null : line.toByteArray();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(16, position - start));
            }
            line.write(buffer, start, position - start);
            if (line.size() > MAX_EVENT_BYTES) {
                throw new IOException("a stream line is longer than " + MAX_EVENT_BYTES + " bytes");
            }
            if (position < limit) {
                position++;
                byte[] bytes = line.toByteArray();
                if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                    byte[] trimmed = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, trimmed, 0, trimmed.length);
                    return trimmed;
                }
                return bytes;
            }
        }
    }
}
