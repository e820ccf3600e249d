import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load for bench/run.sh --open-loop: POSTs one chat completion every 1/RATE seconds, on schedule whether or
 * not earlier answers have come back (each on its own virtual thread, over kept-alive HTTP/1.1 connections taken from a
 * pool, a new one opened when none is idle). The latency of a request runs from the moment it was due, not from when
 * it was sent, so a stall counts for every request it delays (no coordinated omission). Loopback only.
 *
 * <p>Usage: {@code java bench/OpenLoad.java URL KEY RATE SECONDS} — prints one line:
 * {@code sent=N ok=N errors=N achieved_rps=R p50_ms=.. p90_ms=.. p99_ms=.. p999_ms=.. max_ms=.. connections=N}.
 */
public class OpenLoad {
    private static final byte[] BODY =
            "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                    .getBytes(StandardCharsets.UTF_8);

    /** One kept-alive connection. */
    private record Connection(Socket socket, InputStream in, OutputStream out) {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String key = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("loopback only: " + uri.getHost());
        }
        byte[] head = ("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + BODY.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        int total = rate * seconds;
        long[] latencyMicros = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                threads.execute(() -> {
                    try {
                        int status = exchange(uri, head, idle, opened);
                        latencyMicros[index] = (System.nanoTime() - due) / 1_000;
                        if (status == 200) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        latencyMicros[index] = -1;
                        errors.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await(seconds + 60L, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - start;
        long[] answered =
                Arrays.stream(latencyMicros).filter(v -> v >= 0).sorted().toArray();
        idle.forEach(OpenLoad::close);
        System.out.printf(
                Locale.ROOT,
                "sent=%d ok=%d errors=%d achieved_rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f"
                        + " connections=%d%n",
                total,
                ok.get(),
                errors.get(),
                total / (elapsed / 1e9),
                percentile(answered, 0.50),
                percentile(answered, 0.90),
                percentile(answered, 0.99),
                percentile(answered, 0.999),
                answered.length == 0 ? 0 : answered[answered.length - 1] / 1000.0,
                opened.get());
    }

    /**
     * One request on an idle kept-alive connection, or a new one. A kept-alive connection the server closed before
     * answering (as nginx does after its keep-alive request limit) is retried once on a new connection, as HTTP
     * clients do: no byte of an answer came back on it.
     */
    private static int exchange(URI uri, byte[] head, ConcurrentLinkedQueue<Connection> idle, AtomicInteger opened)
            throws IOException {
        Connection c = idle.poll();
        boolean reused = c != null;
        if (c == null) {
            c = open(uri, opened);
        }
        try {
            int status = send(c, head);
            idle.add(c);
            return status;
        } catch (StaleConnection e) {
            close(c);
            if (!reused) {
                throw e;
            }
            Connection fresh = open(uri, opened);
            try {
                int status = send(fresh, head);
                idle.add(fresh);
                return status;
            } catch (IOException again) {
                close(fresh);
                throw again;
            }
        } catch (IOException e) {
            close(c);
            throw e;
        }
    }

    /** The connection ended before the first byte of the answer. */
    private static final class StaleConnection extends IOException {
        StaleConnection(String message) {
            super(message);
        }
    }

    private static int send(Connection c, byte[] head) throws IOException {
        try {
            c.out().write(head);
            c.out().write(BODY);
            c.out().flush();
        } catch (IOException e) {
            throw new StaleConnection("the connection was closed: " + e.getMessage());
        }
        int first = c.in().read();
        if (first < 0) {
            throw new StaleConnection("the connection closed before the answer");
        }
        return readAnswer(first, c.in());
    }

    private static Connection open(URI uri, AtomicInteger opened) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        opened.incrementAndGet();
        return new Connection(
                socket, new BufferedInputStream(socket.getInputStream(), 16_384), socket.getOutputStream());
    }

    private static void close(Connection c) {
        try {
            c.socket().close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Reads one answer (Content-Length or chunked) to its end; returns its status. */
    private static int readAnswer(int first, InputStream in) throws IOException {
        String status = (char) first + line(in);
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16);
                    size > 0;
                    size = Long.parseLong(line(in).trim(), 16)) {
                skip(in, size);
                line(in);
            }
            line(in);
        } else if (length > 0) {
            skip(in, length);
        } else if (length < 0) {
            throw new IOException("an answer without a length cannot be kept alive");
        }
        return code;
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the answer ended early");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
