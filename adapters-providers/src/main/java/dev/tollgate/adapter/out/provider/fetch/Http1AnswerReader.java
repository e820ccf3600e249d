package dev.tollgate.adapter.out.provider.fetch;

import dev.tollgate.adapter.out.provider.fetch.FetchRefusedException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the head and body of an HTTP/1.1 answer for {@link GuardedUrlFetcher}, within its bounds: lines of at most
 * {@link GuardedUrlFetcher#MAX_LINE_BYTES}, a head of at most {@link GuardedUrlFetcher#MAX_HEADER_BYTES}, a body
 * (by length, chunked, or to the end) of at most {@link GuardedUrlFetcher#MAX_BODY_BYTES}; anything else is refused
 * with a {@link FetchRefusedException}.
 */
final class Http1AnswerReader {
    private Http1AnswerReader() {}

    static int parseStatus(String line) {
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (!line.startsWith("HTTP/1.")
                || line.length() < 12
                || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw malformed();
        }
        String code = line.substring(9, 12);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed();
        }
        return Integer.parseInt(code);
    }

    static Map<String, List<String>> readHeaders(InputStream in, int[] budget) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed();
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return headers;
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> transferEncodings = headers.get("transfer-encoding");
        if (transferEncodings != null) {
            // only "chunked" is understood; any other coding (gzip, ...) is a compressed answer
            for (String value : transferEncodings) {
                for (String coding : value.split(",")) {
                    if (!"chunked".equalsIgnoreCase(coding.strip())) {
                        throw new FetchRefusedException(
                                Reason.FETCH_FAILED,
                                "the image could not be fetched: its server sent a compressed answer");
                    }
                }
            }
            return readChunked(in);
        }
        List<String> lengths = headers.get("content-length");
        if (lengths != null) {
            long length = -1;
            for (String value : lengths) {
                for (String part : value.split(",")) {
                    long parsed = parseLength(part.strip());
                    if (length != -1 && parsed != length) {
                        throw malformed();
                    }
                    length = parsed;
                }
            }
            if (length > GuardedUrlFetcher.MAX_BODY_BYTES) {
                throw tooLarge();
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new FetchRefusedException(
                        Reason.FETCH_FAILED, "the image could not be fetched: its server closed the connection early");
            }
            return body;
        }
        return readToEnd(in);
    }

    static long parseLength(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed();
        }
        if (value.length() > 18) {
            throw tooLarge(); // more digits than a long holds: certainly over the cap
        }
        return Long.parseLong(value);
    }

    static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            if (body.size() + n > GuardedUrlFetcher.MAX_BODY_BYTES) {
                throw tooLarge();
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] budget = {Integer.MAX_VALUE};
        while (true) {
            String line = readLine(in, budget);
            int semicolon = line.indexOf(';');
            String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
            if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw malformed();
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                int[] trailerBudget = {GuardedUrlFetcher.MAX_HEADER_BYTES};
                readHeaders(in, trailerBudget); // trailers, ignored
                return body.toByteArray();
            }
            if (body.size() + size > GuardedUrlFetcher.MAX_BODY_BYTES) {
                throw tooLarge();
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length != size) {
                throw new FetchRefusedException(
                        Reason.FETCH_FAILED, "the image could not be fetched: its server closed the connection early");
            }
            body.write(chunk);
            if (!readLine(in, budget).isEmpty()) {
                throw malformed();
            }
        }
    }

    /** One CRLF- (or LF-) terminated line, at most {@link GuardedUrlFetcher#MAX_LINE_BYTES} long and within the budget left. */
    static String readLine(InputStream in, int[] budget) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new FetchRefusedException(
                        Reason.FETCH_FAILED, "the image could not be fetched: its server closed the connection early");
            }
            if (--budget[0] < 0 || line.length() >= GuardedUrlFetcher.MAX_LINE_BYTES) {
                throw malformed();
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) c);
        }
    }

    static FetchRefusedException malformed() {
        return new FetchRefusedException(
                Reason.FETCH_FAILED, "the image could not be fetched: its server sent a malformed answer");
    }

    static FetchRefusedException tooLarge() {
        return new FetchRefusedException(
                Reason.TOO_LARGE,
                "the image at the URL is larger than " + (GuardedUrlFetcher.MAX_BODY_BYTES >> 20)
                        + " MiB and cannot be fetched");
    }
}
