import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open-loop load for the fault scripts (bench/faults/): chat completions at a fixed rate through the balancer, a share
 * of them streamed, each on its own virtual thread with a client time-out. Counts, per second of the run: requests
 * started, answered in full (a 200 whose body is complete: the chat.completion JSON, or a stream ending in
 * {@code [DONE]}), failed (by kind: HTTP status and error code, a stream cut short, a connection error) and timed out
 * (no complete answer within the client time-out: a hang), with the latency percentiles of the full answers.
 *
 * <p>Usage: {@code java bench/faults/FaultLoad.java BASE_URL KEY MODEL RATE SECONDS STREAM_SHARE OUT_DIR}
 * Writes OUT_DIR/timeline.csv (one line a second) and OUT_DIR/load.txt (totals, failure kinds, latency) and prints
 * the totals. Stops by itself after SECONDS plus the client time-out, or earlier once OUT_DIR/stop exists.
 */
public class FaultLoad {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(Long.getLong("load.timeout", 30));
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "watchdog");
                t.setDaemon(true);
                return t;
            });

    record Second(LongAdder started, LongAdder ok, LongAdder failed, LongAdder timedOut, List<Long> latencies) {
        Second() {
            this(
                    new LongAdder(),
                    new LongAdder(),
                    new LongAdder(),
                    new LongAdder(),
                    Collections.synchronizedList(new ArrayList<>()));
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        String model = args[2];
        double rate = Double.parseDouble(args[3]);
        int seconds = Integer.parseInt(args[4]);
        double streamShare = Double.parseDouble(args[5]);
        Path out = Path.of(args[6]);
        Files.createDirectories(out);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        Second[] timeline = new Second[seconds + (int) CLIENT_TIMEOUT.toSeconds() + 2];
        for (int i = 0; i < timeline.length; i++) {
            timeline[i] = new Second();
        }
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        AtomicLong streams = new AtomicLong();
        String plain = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String streamed = "{\"model\":\"" + model + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        long start = System.nanoTime();
        long total = (long) (rate * seconds);
        long stream = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Path stop = out.resolve("stop");
            for (long i = 0; i < total; i++) {
                if (i % 50 == 0 && Files.exists(stop)) {
                    break; // the script is done with its fault: end early, with the totals
                }
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                boolean isStream = streamShare > 0 && (double) stream / (i + 1) < streamShare;
                if (isStream) {
                    stream++;
                    streams.incrementAndGet();
                }
                int second = (int) ((System.nanoTime() - start) / 1_000_000_000L);
                Second s = timeline[Math.min(second, timeline.length - 1)];
                s.started().increment();
                String body = isStream ? streamed : plain;
                pool.submit(() -> one(http, base, key, body, isStream, s, failures));
            }
        }
        long ok = 0;
        long failed = 0;
        long timedOut = 0;
        long started = 0;
        List<Long> all = new ArrayList<>();
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("timeline.csv")))) {
            csv.println("second,started,ok,failed,timed_out,p50_ms,p99_ms,max_ms");
            for (int i = 0; i < timeline.length; i++) {
                Second s = timeline[i];
                List<Long> l = new ArrayList<>(s.latencies());
                Collections.sort(l);
                all.addAll(l);
                started += s.started().sum();
                ok += s.ok().sum();
                failed += s.failed().sum();
                timedOut += s.timedOut().sum();
                if (s.started().sum() > 0) {
                    csv.printf(
                            "%d,%d,%d,%d,%d,%d,%d,%d%n",
                            i,
                            s.started().sum(),
                            s.ok().sum(),
                            s.failed().sum(),
                            s.timedOut().sum(),
                            pct(l, 0.50),
                            pct(l, 0.99),
                            l.isEmpty() ? 0 : l.get(l.size() - 1));
                }
            }
        }
        Collections.sort(all);
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "started %d (streams %d) at %.0f/s for up to %d s; answered %d; failed %d; timed out %d"
                        + " (client time-out %d s)%n",
                started, streams.get(), rate, seconds, ok, failed, timedOut, CLIENT_TIMEOUT.toSeconds()));
        report.append(String.format(
                "latency of answered requests: p50 %d ms, p99 %d ms, max %d ms%n",
                pct(all, 0.5), pct(all, 0.99), all.isEmpty() ? 0 : all.get(all.size() - 1)));
        failures.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> report.append("failure ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue().sum())
                        .append('\n'));
        Files.writeString(out.resolve("load.txt"), report);
        System.out.print(report);
        System.exit(0);
    }

    private static void one(
            HttpClient http,
            String base,
            String key,
            String body,
            boolean stream,
            Second s,
            Map<String, LongAdder> failures) {
        long t0 = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                .timeout(CLIENT_TIMEOUT)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                text = readWithin(in, t0);
            }
            if (text == null) {
                s.timedOut().increment();
                failures.computeIfAbsent(
                                "timeout (answer not complete within the client time-out)", k -> new LongAdder())
                        .increment();
                return;
            }
            boolean complete = response.statusCode() == 200
                    && (stream ? text.contains("data: [DONE]") : text.contains("\"choices\""));
            if (complete) {
                s.ok().increment();
                s.latencies().add((System.nanoTime() - t0) / 1_000_000);
                return;
            }
            s.failed().increment();
            String kind = response.statusCode() == 200
                    ? (stream ? "stream cut short" : "200 without a completion")
                    : response.statusCode() + " " + code(text);
            failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        } catch (java.net.http.HttpTimeoutException e) {
            s.timedOut().increment();
            failures.computeIfAbsent("timeout (no answer within the client time-out)", k -> new LongAdder())
                    .increment();
        } catch (IOException e) {
            s.failed().increment();
            failures.computeIfAbsent("connection: " + e.getClass().getSimpleName(), k -> new LongAdder())
                    .increment();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The body, or null when it did not end within the client time-out. */
    private static String readWithin(InputStream in, long t0) throws IOException {
        long left = CLIENT_TIMEOUT.toNanos() - (System.nanoTime() - t0);
        var watchdog = WATCHDOG.schedule(
                () -> {
                    try {
                        in.close(); // a body that stalls: the blocked read ends with an IOException
                    } catch (IOException ignored) {
                        // closing is all that is wanted
                    }
                },
                Math.max(1, left),
                TimeUnit.NANOSECONDS);
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            if (System.nanoTime() - t0 >= CLIENT_TIMEOUT.toNanos()) {
                return null;
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
        return text.toString();
    }

    private static String code(String body) {
        int at = body.indexOf("\"code\":");
        if (at < 0) {
            return body.length() > 60 ? body.substring(0, 60) : body;
        }
        int end = body.indexOf(',', at);
        return body.substring(at + 7, end < 0 ? Math.min(body.length(), at + 40) : end)
                .replace("}", "");
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
