import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load client of bench/realtime.sh: opens SESSIONS realtime WebSockets at once, then has every session send
 * EVENTS conversation.item.create events GAP_MS apart and times each one until its conversation.item.created comes
 * back (one client event and one server event: a round trip), then one response.create each until its
 * response.done. With a JVM pid given, the heap used after a full GC (jcmd) and the resident memory are reported
 * before and with the sessions open.
 *
 *   java RealtimeLoad <ws-url> <key> <sessions> <events> <gap-ms> [pid]
 */
public final class RealtimeLoad {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String key = args[1];
        int sessions = Integer.parseInt(args[2]);
        int events = Integer.parseInt(args[3]);
        long gapMs = Long.parseLong(args[4]);
        String pid = args.length > 5 ? args[5] : null;
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();

        long[] before = pid == null ? null : memory(pid);
        List<Session> open = new ArrayList<>();
        Semaphore connecting = new Semaphore(64);
        List<CompletableFuture<Session>> connects = new ArrayList<>();
        AtomicInteger failedOpen = new AtomicInteger();
        long openStarted = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            connecting.acquire();
            Session s = new Session();
            connects.add(http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + key)
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(url), s)
                    .thenApply(ws -> {
                        s.socket = ws;
                        return s;
                    })
                    .whenComplete((r, e) -> {
                        connecting.release();
                        if (e != null) {
                            failedOpen.incrementAndGet();
                        }
                    }));
        }
        for (CompletableFuture<Session> c : connects) {
            try {
                Session s = c.get(60, TimeUnit.SECONDS);
                if (s.created.await(30, TimeUnit.SECONDS)) {
                    open.add(s);
                } else {
                    failedOpen.incrementAndGet();
                }
            } catch (Exception e) {
                // counted above
            }
        }
        double openSeconds = (System.nanoTime() - openStarted) / 1e9;
        System.out.printf(
                "sessions open: %d of %d in %.1f s (%d failed)%n",
                open.size(), sessions, openSeconds, failedOpen.get());
        long[] during = pid == null ? null : memory(pid);
        if (pid != null) {
            System.out.printf(
                    "heap used after full GC: %.1f MiB before, %.1f MiB with the sessions open (%.1f KiB a "
                            + "session)%n",
                    before[0] / 1024.0,
                    during[0] / 1024.0,
                    (during[0] - before[0]) / (double) Math.max(1, open.size()));
            System.out.printf(
                    "resident memory: %.1f MiB before, %.1f MiB with the sessions open%n",
                    before[1] / 1024.0, during[1] / 1024.0);
        }

        // round trips: every session, EVENTS events GAP_MS apart, all sessions at once (staggered over one gap)
        long[] rtt = new long[open.size() * events];
        AtomicInteger n = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(open.size());
        long loadStarted = System.nanoTime();
        for (int i = 0; i < open.size(); i++) {
            Session s = open.get(i);
            long offset = gapMs * i / Math.max(1, open.size());
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(offset);
                    for (int e = 0; e < events; e++) {
                        String id = "e" + s.hashCode() + "_" + e;
                        CompletableFuture<Long> answered = new CompletableFuture<>();
                        s.waiting.put(id, answered);
                        long t0 = System.nanoTime();
                        s.socket
                                .sendText(
                                        "{\"type\":\"conversation.item.create\",\"event_id\":\"" + id
                                                + "\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":"
                                                + "\"input_text\",\"text\":\"hi\"}]}}",
                                        true)
                                .get(30, TimeUnit.SECONDS);
                        try {
                            rtt[n.getAndIncrement()] = answered.get(30, TimeUnit.SECONDS) - t0;
                        } catch (Exception x) {
                            lost.incrementAndGet();
                        }
                        Thread.sleep(gapMs);
                    }
                } catch (Exception x) {
                    lost.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(10, TimeUnit.MINUTES);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        long[] measured = Arrays.copyOf(rtt, n.get());
        Arrays.sort(measured);
        System.out.printf(
                "event round trips: %d in %.1f s (%.0f/s), lost %d; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
                        + "max %.2f ms%n",
                measured.length,
                loadSeconds,
                measured.length / loadSeconds,
                lost.get(),
                pct(measured, 50),
                pct(measured, 90),
                pct(measured, 99),
                pct(measured, 100));
        System.out.printf("RESULT rtt_p50_ms=%.3f rtt_p99_ms=%.3f%n", pct(measured, 50), pct(measured, 99));

        // one metered response per session
        long[] responses = new long[open.size()];
        AtomicInteger r = new AtomicInteger();
        CountDownLatch responded = new CountDownLatch(open.size());
        for (Session s : open) {
            Thread.ofVirtual().start(() -> {
                try {
                    long t0 = System.nanoTime();
                    s.responseDone = new CompletableFuture<>();
                    s.socket.sendText("{\"type\":\"response.create\"}", true).get(30, TimeUnit.SECONDS);
                    responses[r.getAndIncrement()] = s.responseDone.get(30, TimeUnit.SECONDS) - t0;
                } catch (Exception x) {
                    lost.incrementAndGet();
                } finally {
                    responded.countDown();
                }
            });
        }
        responded.await(5, TimeUnit.MINUTES);
        long[] resp = Arrays.copyOf(responses, r.get());
        Arrays.sort(resp);
        System.out.printf(
                "responses (response.create to response.done, metered): %d; p50 %.2f ms, p99 %.2f ms%n",
                resp.length, pct(resp, 50), pct(resp, 99));
        int errors = 0;
        for (Session s : open) {
            errors += s.errors.get();
            s.socket.sendClose(1000, "bench done");
        }
        System.out.printf("error events: %d%n", errors);
        Thread.sleep(500);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** Heap used after a full GC and resident memory, in KiB. */
    private static long[] memory(String pid) throws Exception {
        run("jcmd", pid, "GC.run");
        String heap = run("jcmd", pid, "GC.heap_info");
        long used = 0;
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("used (\\d+)K").matcher(heap);
        if (m.find()) {
            used = Long.parseLong(m.group(1));
        }
        long rss = 0;
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new long[] {used, rss};
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static final class Session implements WebSocket.Listener {
        final CountDownLatch created = new CountDownLatch(1);
        final Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        final AtomicInteger errors = new AtomicInteger();
        volatile CompletableFuture<Long> responseDone = new CompletableFuture<>();
        volatile WebSocket socket;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String m = partial.toString();
                partial.setLength(0);
                if (m.contains("\"conversation.item.created\"")) {
                    int i = m.indexOf("\"previous_item_id\":\"") + 20;
                    CompletableFuture<Long> f = waiting.remove(m.substring(i, m.indexOf('"', i)));
                    if (f != null) {
                        f.complete(now);
                    }
                } else if (m.contains("\"session.created\"")) {
                    created.countDown();
                } else if (m.contains("\"response.done\"")) {
                    responseDone.complete(now);
                } else if (m.contains("\"type\":\"error\"")) {
                    errors.incrementAndGet();
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
