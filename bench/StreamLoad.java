import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Load client for the streaming benchmark (bench/stream.sh): opens STREAMS concurrent streaming chat completions at
 * the same moment, ROUNDS times (after WARMUP rounds that are not counted), and measures every stream.
 *
 * <ul>
 *   <li><b>TTFB</b>: from just before the request is sent to the arrival of the first line starting with
 *       {@code data:} (the first SSE event, not the status line or headers);</li>
 *   <li><b>total</b>: from the same start to the arrival of {@code data: [DONE]};</li>
 *   <li><b>spread</b>: from the first to the last content event of a stream. An upstream that sends EVENTS events
 *       GAP_MS apart gives about (EVENTS - 1) * GAP_MS; a proxy that buffers the stream and delivers it at once
 *       gives about 0 (and TTFB about equal to total);</li>
 *   <li><b>max gap</b>: the longest pause between two consecutive events of a stream;</li>
 *   <li><b>errors</b>: a status other than 200, an exception, no {@code data: [DONE]}, an event carrying
 *       {@code "error"} or an {@code event: error} line, fewer content events than expected (when
 *       -Dstream.events is given), or a stream still running at the round's deadline.</li>
 * </ul>
 *
 * Every stream runs on its own virtual thread and reads its body as an InputStream; the JDK HttpClient (HTTP/1.1)
 * opens one connection per concurrent request (its pool, jdk.httpclient.connectionPoolSize, only limits the idle
 * connections it keeps, 0 = unlimited) and reuses the idle ones in the next round. Each round prints its wall time:
 * when the streams really run concurrently it is about one stream's duration, not STREAMS times it.
 *
 * <p>With {@code -Dstream.cpu=NAME=PID[,PID...];NAME=...} (Linux) it also reports the CPU time (user + system,
 * from /proc/PID/stat) each named group of processes used during the measured rounds only, warm-up excluded.
 *
 * <p>Usage: {@code java [-Dstream.label=NAME] [-Dstream.warmup=1] [-Dstream.events=N] [-Dstream.deadline=120]
 * [-Dstream.cpu=...] bench/StreamLoad.java URL KEY MODEL STREAMS ROUNDS}. URL is the full chat completions URL. Prints a human summary
 * and one machine-readable line starting with {@code RESULT} (key=value pairs, times in milliseconds).
 */
public class StreamLoad {
    record Result(
            boolean ok,
            String error,
            long ttfbNanos,
            long totalNanos,
            long spreadNanos,
            long maxGapNanos,
            int contentEvents) {
        static Result failed(String error) {
            return new Result(false, error, -1, -1, -1, -1, 0);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java bench/StreamLoad.java URL KEY MODEL STREAMS ROUNDS");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        String key = args[1];
        String model = args[2];
        int streams = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        String label = System.getProperty("stream.label", "target");
        int warmup = Integer.getInteger("stream.warmup", 1);
        int expectedEvents = Integer.getInteger("stream.events", -1);
        long deadlineSeconds = Long.getLong("stream.deadline", 120);
        Map<String, long[]> cpuGroups = new java.util.LinkedHashMap<>();
        for (String group : System.getProperty("stream.cpu", "").split(";")) {
            if (group.contains("=")) {
                String[] nameAndPids = group.split("=", 2);
                cpuGroups.put(
                        nameAndPids[0],
                        Arrays.stream(nameAndPids[1].split(","))
                                .filter(p -> !p.isBlank())
                                .mapToLong(p -> Long.parseLong(p.trim()))
                                .toArray());
            }
        }
        Map<String, Long> cpuAtStart = new java.util.LinkedHashMap<>();
        Map<String, Long> cpuUsed = new java.util.LinkedHashMap<>();

        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":64,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Count slowly.\"}]}";
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .executor(threads)
                        .build()) {
            List<Result> measured = new ArrayList<>();
            Map<String, Integer> errorKinds = new TreeMap<>();
            long maxRoundWall = 0;
            List<Long> roundWalls = new ArrayList<>();
            for (int round = 1 - warmup; round <= rounds; round++) {
                boolean counted = round >= 1;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Result>> futures = new ArrayList<>(streams);
                for (int i = 0; i < streams; i++) {
                    futures.add(threads.submit(() -> {
                        go.await();
                        return stream(client, request, expectedEvents);
                    }));
                }
                Thread.sleep(50); // let every virtual thread reach the latch
                if (round == 1) {
                    cpuGroups.forEach((name, pids) -> cpuAtStart.put(name, cpuMillis(pids)));
                }
                long start = System.nanoTime();
                go.countDown();
                long deadline = start + TimeUnit.SECONDS.toNanos(deadlineSeconds);
                List<Result> results = new ArrayList<>(streams);
                for (Future<Result> future : futures) {
                    Result result;
                    try {
                        result = future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        future.cancel(true);
                        result = Result.failed("still running at the round's deadline (" + deadlineSeconds + " s)");
                    } catch (java.util.concurrent.ExecutionException e) {
                        result = Result.failed("exception: " + e.getCause());
                    }
                    results.add(result);
                }
                long wall = System.nanoTime() - start;
                int failed = (int) results.stream().filter(r -> !r.ok()).count();
                System.out.printf(
                        Locale.ROOT,
                        "%s: %s round %d: %d streams, %d failed, wall %.1f ms%n",
                        label,
                        counted ? "measured" : "warm-up",
                        counted ? round : round + warmup,
                        streams,
                        failed,
                        wall / 1e6);
                if (counted) {
                    measured.addAll(results);
                    roundWalls.add(wall);
                    maxRoundWall = Math.max(maxRoundWall, wall);
                    for (Result r : results) {
                        if (!r.ok()) {
                            errorKinds.merge(shorten(r.error()), 1, Integer::sum);
                        }
                    }
                }
            }
            cpuGroups.forEach((name, pids) -> cpuUsed.put(name, cpuMillis(pids) - cpuAtStart.get(name)));
            report(label, streams, rounds, measured, errorKinds, roundWalls, cpuUsed);
        }
    }

    private static Result stream(HttpClient client, HttpRequest request, int expectedEvents) {
        long start = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return Result.failed("send: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
        try (InputStream in = response.body();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                char[] buffer = new char[300];
                int n = Math.max(0, reader.read(buffer));
                return Result.failed("status " + response.statusCode() + ": " + new String(buffer, 0, n));
            }
            long first = -1;
            long lastEvent = -1;
            long firstContent = -1;
            long lastContent = -1;
            long maxGap = 0;
            long done = -1;
            int content = 0;
            String error = null;
            String line;
            while ((line = reader.readLine()) != null) {
                long now = System.nanoTime();
                if (line.startsWith("event:") && line.substring(6).trim().equals("error")) {
                    error = error != null ? error : "event: error";
                }
                if (!line.startsWith("data:")) {
                    continue;
                }
                if (first < 0) {
                    first = now;
                } else {
                    maxGap = Math.max(maxGap, now - lastEvent);
                }
                lastEvent = now;
                String data = line.substring(5).trim();
                if (data.equals("[DONE]")) {
                    done = now;
                    continue; // read to the end so that the connection goes back to the pool
                }
                if (data.contains("\"error\"")) {
                    error = error != null ? error : "error event: " + data;
                } else if (data.contains("\"content\"")) {
                    content++;
                    if (firstContent < 0) {
                        firstContent = now;
                    }
                    lastContent = now;
                }
            }
            if (error != null) {
                return Result.failed(error);
            }
            if (done < 0) {
                return Result.failed(
                        first < 0 ? "no event at all" : "no data: [DONE] (" + content + " content events)");
            }
            if (expectedEvents >= 0 && content < expectedEvents) {
                return Result.failed("only " + content + " of " + expectedEvents + " content events");
            }
            long spread = firstContent < 0 ? 0 : lastContent - firstContent;
            return new Result(true, null, first - start, done - start, spread, maxGap, content);
        } catch (IOException e) {
            return Result.failed("read: " + e);
        }
    }

    /** User + system CPU time of the processes so far, in ms (a process that is gone counts 0). */
    private static long cpuMillis(long[] pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                // gone, or not Linux
            }
        }
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }

    private static String shorten(String error) {
        String oneLine = error.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }

    private static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.min(sorted.length - 1, Math.max(0, index))] / 1e6;
    }

    private static void report(
            String label,
            int streams,
            int rounds,
            List<Result> results,
            Map<String, Integer> errorKinds,
            List<Long> roundWalls,
            Map<String, Long> cpuUsed) {
        List<Result> ok = results.stream().filter(Result::ok).toList();
        long[] ttfb = ok.stream().mapToLong(Result::ttfbNanos).sorted().toArray();
        long[] total = ok.stream().mapToLong(Result::totalNanos).sorted().toArray();
        long[] spread = ok.stream().mapToLong(Result::spreadNanos).sorted().toArray();
        long[] gap = ok.stream().mapToLong(Result::maxGapNanos).sorted().toArray();
        long[] walls = roundWalls.stream().mapToLong(Long::longValue).sorted().toArray();
        int errors = results.size() - ok.size();
        StringBuilder line = new StringBuilder("RESULT");
        java.util.function.BiConsumer<String, Object> put = (k, v) -> line.append(' ')
                .append(k)
                .append('=')
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v);
        put.accept("label", label);
        put.accept("streams", streams);
        put.accept("rounds", rounds);
        put.accept("requested", results.size());
        put.accept("completed", ok.size());
        put.accept("errors", errors);
        put.accept("ttfb_p50_ms", percentileMillis(ttfb, 50));
        put.accept("ttfb_p90_ms", percentileMillis(ttfb, 90));
        put.accept("ttfb_p99_ms", percentileMillis(ttfb, 99));
        put.accept("ttfb_max_ms", percentileMillis(ttfb, 100));
        put.accept("total_p50_ms", percentileMillis(total, 50));
        put.accept("total_p90_ms", percentileMillis(total, 90));
        put.accept("total_p99_ms", percentileMillis(total, 99));
        put.accept("total_max_ms", percentileMillis(total, 100));
        put.accept("spread_p1_ms", percentileMillis(spread, 1));
        put.accept("spread_p50_ms", percentileMillis(spread, 50));
        put.accept("maxgap_p50_ms", percentileMillis(gap, 50));
        put.accept("maxgap_p99_ms", percentileMillis(gap, 99));
        put.accept("round_wall_max_ms", percentileMillis(walls, 100));
        cpuUsed.forEach((name, ms) -> put.accept("cpu_" + name + "_ms", ms));
        System.out.printf(
                Locale.ROOT,
                "%s: %d streams x %d rounds: %d completed, %d errors; TTFB p50 %.2f / p90 %.2f / p99 %.2f ms; "
                        + "total p50 %.1f / p99 %.1f ms; first-to-last content event p50 %.1f ms; "
                        + "longest pause between events p99 %.1f ms; slowest round %.1f ms%n",
                label,
                streams,
                rounds,
                ok.size(),
                errors,
                percentileMillis(ttfb, 50),
                percentileMillis(ttfb, 90),
                percentileMillis(ttfb, 99),
                percentileMillis(total, 50),
                percentileMillis(total, 99),
                percentileMillis(spread, 50),
                percentileMillis(gap, 99),
                percentileMillis(walls, 100));
        cpuUsed.forEach((name, ms) -> System.out.printf(
                Locale.ROOT,
                "%s: CPU time of %s during the measured rounds: %d ms (%.2f ms per stream)%n",
                label,
                name,
                ms,
                (double) ms / Math.max(1, results.size())));
        errorKinds.forEach((kind, count) -> System.out.println(label + ": error x" + count + ": " + kind));
        System.out.println(line);
    }
}
