package dev.tollgate.adapter.out.provider.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Asks a streamed chat request for its usage ({@code "stream_options":{"include_usage":true}}) by splicing the member
 * into the client's bytes, instead of reading the whole body into a tree and writing it again. The body is only
 * tokenised, to learn where its object starts and that it has no {@code stream_options} of its own; strings are
 * skipped, not decoded. Every other byte is the client's.
 *
 * <p>Anything but a single JSON object without a top-level {@code stream_options} is left to the caller
 * ({@link #splice} answers {@code null}), which then edits the tree: a client's own {@code stream_options} keeps its
 * other members.
 */
final class IncludeUsageSplice {
    private static final byte[] MEMBER =
            "\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = new JsonFactory();

    private IncludeUsageSplice() {}

    /**
     * The body with {@code stream_options.include_usage=true} as its object's first member, or {@code null} when the
     * body is not one JSON object or already has a top-level {@code stream_options}.
     */
    static byte[] splice(byte[] body) {
        long open;
        boolean empty = true;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            open = parser.currentTokenLocation().getByteOffset();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if ("stream_options".equals(parser.currentName())) {
                    return null;
                }
                empty = false;
                parser.nextToken();
                parser.skipChildren();
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        if (open < 0 || open >= body.length || body[(int) open] != '{') {
            return null;
        }
        int at = (int) open + 1;
        byte[] spliced = new byte[body.length + MEMBER.length + (empty ? 0 : 1)];
        System.arraycopy(body, 0, spliced, 0, at);
        System.arraycopy(MEMBER, 0, spliced, at, MEMBER.length);
        int rest = at + MEMBER.length;
        if (!empty) {
            spliced[rest++] = ',';
        }
        System.arraycopy(body, at, spliced, rest, body.length - at);
        return spliced;
    }
}
