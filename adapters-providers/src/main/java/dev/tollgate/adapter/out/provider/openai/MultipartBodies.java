package dev.tollgate.adapter.out.provider.openai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rewrites one text field of a {@code multipart/form-data} body (the model name, when a channel maps it) and keeps
 * every other byte, files included, exactly as the client sent it.
 */
final class MultipartBodies {
    private MultipartBodies() {
    }

    /** The boundary parameter of a multipart media type, or null. */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }

    /**
     * The body with the value of the text field {@code name} replaced; the body unchanged when it has no such field.
     *
     * @throws IllegalArgumentException when the body is not multipart with the given boundary
     */
    static byte[] replaceTextField(byte[] body, String contentType, String name, String value) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            throw new IllegalArgumentException("not a multipart body with a boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] nextDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int partStart = indexOf(body, delimiter, 0);
        while (partStart >= 0) {
            int headersStart = partStart + delimiter.length + 2; // after CRLF
            if (headersStart > body.length) {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                break;
            }
            int valueStart = headersEnd + 4;
            int valueEnd = indexOf(body, nextDelimiter, valueStart);
            if (valueEnd < 0) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            if (isTextField(headers, name)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + value.length());
                out.write(body, 0, valueStart);
                out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
                out.write(body, valueEnd, body.length - valueEnd);
                return out.toByteArray();
            }
            partStart = valueEnd + 2;
        }
        return body;
    }

    private static boolean isTextField(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:")) {
                return !lower.contains("filename=") && (line.contains("name=\"" + name + "\"")
                        || line.matches("(?i).*;\\s*name=" + Pattern.quote(name) + "(\\s*;.*|\\s*)$"));
            }
        }
        return false;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
