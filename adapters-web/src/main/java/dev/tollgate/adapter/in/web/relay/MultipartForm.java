package dev.tollgate.adapter.in.web.relay;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the relay needs from a {@code multipart/form-data} body (its text fields and the size of its files)
 * without changing it: the body is forwarded byte for byte.
 *
 * @param fields    text fields by name (the last value when a name repeats), at most 64 KiB each
 * @param fileBytes total bytes of all file parts
 * @param fileParts names of the file parts, with how many bytes each holds
 */
record MultipartForm(Map<String, String> fields, long fileBytes, Map<String, Long> fileParts) {
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"|;\\s*name=([^;\\s]+)");
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final Set<String> FILE_FIELDS = Set.of("file", "image", "image[]", "mask");

    /** The boundary of a multipart media type, or null when it is not {@code multipart/form-data} with one. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /** Parses the form; throws IllegalArgumentException with a message for the client when it is malformed. */
    static MultipartForm parse(byte[] body, String boundary) {
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, first, 0);
        if (at < 0) {
            throw new IllegalArgumentException("the form has no part with its boundary");
        }
        Map<String, String> fields = new HashMap<>();
        Map<String, Long> files = new HashMap<>();
        long fileBytes = 0;
        int cursor = at + first.length;
        while (true) {
            if (cursor + 2 <= body.length && body[cursor] == '-' && body[cursor + 1] == '-') {
                break; // the closing delimiter
            }
            int headersStart = cursor + 2;
            int headersStop = indexOf(body, headerEnd, headersStart);
            if (headersStop < 0) {
                throw new IllegalArgumentException("a part of the form has no end of headers");
            }
            int valueStart = headersStop + 4;
            int valueEnd = indexOf(body, next, valueStart);
            if (valueEnd < 0) {
                throw new IllegalArgumentException("the form is not closed by its boundary");
            }
            String headers = new String(body, headersStart, headersStop - headersStart, StandardCharsets.UTF_8);
            String disposition = null;
            String partType = null;
            for (String line : headers.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    disposition = line;
                } else if (lower.startsWith("content-type:")) {
                    partType = lower.substring(13).trim();
                }
            }
            if (disposition == null) {
                throw new IllegalArgumentException("a part of the form has no Content-Disposition");
            }
            Matcher m = NAME.matcher(disposition);
            String name = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
            if (name == null) {
                throw new IllegalArgumentException("a part of the form has no name");
            }
            int length = valueEnd - valueStart;
            // a file: it has a file name, or a media type other than text, or the name of a file field (some
            // clients send file parts with neither)
            boolean file = disposition.toLowerCase(Locale.ROOT).contains("filename")
                    || partType != null && !partType.startsWith("text/plain")
                    || FILE_FIELDS.contains(name);
            if (file) {
                files.merge(name, (long) length, Long::sum);
                fileBytes += length;
            } else {
                if (length > MAX_FIELD_BYTES) {
                    throw new IllegalArgumentException("the form field '" + name + "' is too long");
                }
                fields.put(name, new String(body, valueStart, length, StandardCharsets.UTF_8));
            }
            cursor = valueEnd + next.length;
        }
        return new MultipartForm(Map.copyOf(fields), fileBytes, Map.copyOf(files));
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
