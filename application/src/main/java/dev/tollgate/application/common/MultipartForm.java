package dev.tollgate.application.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A relayed {@code multipart/form-data} body (image edits and variations, audio transcriptions and translations), read
 * once by the web adapter for what the relay needs (its text fields and the size of its files) and rewritten by the
 * provider adapter in one field (the model, when a channel maps it), every other byte, files included, kept as the
 * client sent it. The one multipart parser of the gateway, in plain Java, so that both adapters use it.
 *
 * @param fields text fields by name (the last value when a name repeats), at most 64 KiB each
 * @param fileBytes total bytes of all file parts
 * @param fileParts names of the file parts, with how many bytes each holds
 */
public record MultipartForm(Map<String, String> fields, long fileBytes, Map<String, Long> fileParts) {
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"|;\\s*name=([^;\\s]+)");
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_BOUNDARY_CHARS = 70;
    private static final Set<String> FILE_FIELDS = Set.of("file", "image", "image[]", "mask");
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** One part: its name, whether it is a file, and where its value lies in the body. */
    private record Part(String name, boolean file, int valueStart, int valueEnd) {
        int length() {
            return valueEnd - valueStart;
        }
    }

    /** The boundary of a multipart media type, or null when it is not {@code multipart/form-data} with one. */
    public static String boundary(String contentType) {
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
                return b.isEmpty() || b.length() > MAX_BOUNDARY_CHARS ? null : b;
            }
        }
        return null;
    }

    /** Parses the form; throws IllegalArgumentException with a message for the client when it is malformed. */
    public static MultipartForm parse(byte[] body, String boundary) {
        Map<String, String> fields = new HashMap<>();
        Map<String, Long> files = new HashMap<>();
        long fileBytes = 0;
        for (Part part : parts(body, boundary)) {
            if (part.file()) {
                files.merge(part.name(), (long) part.length(), Long::sum);
                fileBytes += part.length();
            } else {
                if (part.length() > MAX_FIELD_BYTES) {
                    throw new IllegalArgumentException("the form field '" + part.name() + "' is too long");
                }
                fields.put(part.name(), new String(body, part.valueStart(), part.length(), StandardCharsets.UTF_8));
            }
        }
        return new MultipartForm(Map.copyOf(fields), fileBytes, Map.copyOf(files));
    }

    /**
     * The body with the value of every text field {@code name} replaced (so that a name sent twice cannot keep the old
     * value in one of them); the very same array when the form has no such field.
     *
     * @throws IllegalArgumentException when the body is not a well-formed multipart form of that content type
     */
    public static byte[] replaceTextField(byte[] body, String contentType, String name, String value) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            throw new IllegalArgumentException("not a multipart/form-data body with a boundary");
        }
        List<Part> targets = parts(body, boundary).stream()
                .filter(p -> !p.file() && p.name().equals(name))
                .toList();
        if (targets.isEmpty()) {
            return body;
        }
        byte[] replacement = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + targets.size() * replacement.length);
        int copied = 0;
        for (Part target : targets) {
            out.write(body, copied, target.valueStart() - copied);
            out.writeBytes(replacement);
            copied = target.valueEnd();
        }
        out.write(body, copied, body.length - copied);
        return out.toByteArray();
    }

    private static List<Part> parts(byte[] body, String boundary) {
        byte[] first = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, first, 0);
        if (at < 0) {
            throw new IllegalArgumentException("the form has no part with its boundary");
        }
        List<Part> parts = new ArrayList<>();
        int cursor = at + first.length;
        while (!(cursor + 2 <= body.length && body[cursor] == '-' && body[cursor + 1] == '-')) {
            int headersStart = cursor + 2;
            int headersStop = indexOf(body, HEADER_END, headersStart);
            if (headersStop < 0) {
                throw new IllegalArgumentException("a part of the form has no end of headers");
            }
            int valueStart = headersStop + HEADER_END.length;
            int valueEnd = indexOf(body, next, valueStart);
            if (valueEnd < 0) {
                throw new IllegalArgumentException("the form is not closed by its boundary");
            }
            parts.add(part(
                    new String(body, headersStart, headersStop - headersStart, StandardCharsets.UTF_8),
                    valueStart,
                    valueEnd));
            cursor = valueEnd + next.length;
        }
        return parts;
    }

    private static Part part(String headers, int valueStart, int valueEnd) {
        String disposition = null;
        String partType = null;
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:")) {
                disposition = line;
            } else if (lower.startsWith("content-type:")) {
                partType = lower.substring("content-type:".length()).trim();
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
        // a file: it has a file name, or a media type other than text, or the name of a file field (some clients
        // send file parts with neither)
        boolean file = disposition.toLowerCase(Locale.ROOT).contains("filename")
                || partType != null && !partType.startsWith("text/plain")
                || FILE_FIELDS.contains(name);
        return new Part(name, file, valueStart, valueEnd);
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
