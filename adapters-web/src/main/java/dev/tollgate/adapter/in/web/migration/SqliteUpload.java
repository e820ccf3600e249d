package dev.tollgate.adapter.in.web.migration;

import dev.tollgate.domain.common.InvalidValueException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An uploaded SQLite file, from a {@code multipart/form-data} body (its first file part) or a raw body, read with a
 * size bound and written to a private temporary file. (The servlet's multipart parsing is switched off, because the
 * relay forwards multipart bodies untouched.)
 */
final class SqliteUpload {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteUpload() {
    }

    /** The file's bytes written to a new temporary file; the caller deletes it. */
    static Path save(InputStream body, String contentType, long maxBytes) throws IOException {
        byte[] bytes = readBounded(body, maxBytes);
        byte[] file = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                ? firstPart(bytes, boundary(contentType)) : bytes;
        if (file.length < SQLITE_HEADER.length
                || !Arrays.equals(Arrays.copyOf(file, SQLITE_HEADER.length), SQLITE_HEADER)) {
            throw new InvalidValueException("file", "the upload is not a SQLite database (one-api's one-api.db)");
        }
        Path tmp = Files.createTempFile("one-api-import-", ".db",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, file);
        return tmp;
    }

    private static byte[] readBounded(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBytes) {
                throw new MaxUploadSizeExceededException(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length());
                return b.startsWith("\"") && b.endsWith("\"") && b.length() > 1 ? b.substring(1, b.length() - 1) : b;
            }
        }
        throw new InvalidValueException("file", "the multipart body has no boundary");
    }

    /** The content of the first part: after its headers, up to the next delimiter. */
    private static byte[] firstPart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int start = indexOf(body, delimiter, 0);
        byte[] headersEnd = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int content = start < 0 ? -1 : indexOf(body, headersEnd, start);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int end = content < 0 ? -1 : indexOf(body, next, content + headersEnd.length);
        if (end < 0) {
            throw new InvalidValueException("file", "the multipart body holds no complete file part");
        }
        return Arrays.copyOfRange(body, content + headersEnd.length, end);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
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
