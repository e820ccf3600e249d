package dev.tollgate.adapter.in.web.migration;

import dev.tollgate.domain.common.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An uploaded SQLite file, from a {@code multipart/form-data} body (its first part) or a raw body, streamed with a
 * size bound to a private temporary file. (The servlet's multipart parsing is switched off, because the
 * relay forwards multipart bodies untouched.)
 */
final class SqliteUpload {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteUpload() {}

    /** The file's bytes written to a new temporary file (never held in memory whole); the caller deletes it. */
    static Path save(InputStream body, String contentType, long maxBytes) throws IOException {
        Path tmp = Files.createTempFile(
                "one-api-import-",
                ".db",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            InputStream in = body;
            String boundary = null;
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                boundary = boundary(contentType);
                skipPartHeaders(in, boundary);
            }
            copyBounded(in, tmp, maxBytes);
            if (boundary != null) {
                cutAtDelimiter(tmp, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII));
            }
            byte[] head = new byte[SQLITE_HEADER.length];
            try (InputStream written = Files.newInputStream(tmp)) {
                if (written.readNBytes(head, 0, head.length) < head.length || !Arrays.equals(head, SQLITE_HEADER)) {
                    throw new InvalidValueException(
                            "file", "the upload is not a SQLite database (one-api's one-api.db)");
                }
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static void copyBounded(InputStream in, Path file, long maxBytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
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
        }
    }

    /** Reads up to the end of the first part's headers (at most 16 KiB of preamble and headers). */
    private static void skipPartHeaders(InputStream in, String boundary) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] seen = new byte[16 * 1024];
        int n = 0;
        int b;
        boolean inPart = false;
        while ((b = in.read()) >= 0) {
            if (n == seen.length) {
                throw new InvalidValueException("file", "the multipart part headers are too long");
            }
            seen[n++] = (byte) b;
            if (!inPart && endsWith(seen, n, delimiter)) {
                inPart = true;
            } else if (inPart && endsWith(seen, n, end)) {
                return;
            }
        }
        throw new InvalidValueException("file", "the multipart body holds no file part");
    }

    private static boolean endsWith(byte[] data, int length, byte[] suffix) {
        if (length < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (data[length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Truncates the file where the part ends (the first {@code CRLF--boundary}). */
    private static void cutAtDelimiter(Path file, byte[] delimiter) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            outer:
            for (long i = 0; i + delimiter.length <= size; i++) {
                for (int j = 0; j < delimiter.length; j++) {
                    if (map.get((int) i + j) != delimiter[j]) {
                        continue outer;
                    }
                }
                channel.truncate(i);
                return;
            }
        }
        throw new InvalidValueException("file", "the multipart body holds no complete file part");
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
}
