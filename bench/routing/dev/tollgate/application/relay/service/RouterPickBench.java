package dev.tollgate.application.relay.service;

import dev.tollgate.application.billing.port.in.MeteredUsage;
import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.channel.port.in.RoutingPolicyView;
import dev.tollgate.application.channel.query.BenchChannels;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.domain.channel.RoutingStrategy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What each routing strategy costs the relay per request, without HTTP: what {@code FailoverRelay} does around one
 * attempt — the strategy looked up for the group and model, {@code ChannelRouter.next} (tier, breaker, in-flight
 * slot), {@code judge} and {@code timed} (the latency figure) and the slot released — on a tier of three channels, by
 * THREADS threads at once. Prints the CPU time per request (the threads' CPU time, not the wall clock: on a shared
 * machine a thread waiting for a core costs nothing) for each strategy, per repetition, and the best and median.
 *
 * Usage (bench/routing-micro.sh builds the class path from the jar): java -cp … RouterPickBench [THREADS] [MILLIS]
 */
public class RouterPickBench {
    private static final RelayMetricsPort NO_METRICS = new RelayMetricsPort() {
        @Override
        public void settled(MeteredUsage usage, long charged) {}

        @Override
        public void attemptFailed(String model, String channelId, String reason, boolean failover) {}

        @Override
        public void breaker(String scope, String channelId, int keyIndex, IntSupplier state) {}

        @Override
        public void stalledAttempts(String channelId, IntSupplier count) {}
    };

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        int repetitions = 7;
        RelaySettings settings = new RelaySettings(
                2,
                4096,
                Duration.ofSeconds(60),
                Duration.ofSeconds(20),
                5,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofSeconds(20));
        RoutingPolicyView policy = new RoutingPolicyView(new ViewFreshness());
        ChannelRouter router = new ChannelRouter(
                settings, NO_METRICS, null, policy, Duration.ofSeconds(10), new ClusterConcurrency(null, "bench"));
        List<RoutableChannel> tier =
                List.of(BenchChannels.channel("a", 3), BenchChannels.channel("b", 2), BenchChannels.channel("c", 1));
        System.out.printf(
                "threads=%d, %d ms per repetition, %d repetitions, tier of %d channels%n",
                threads, millis, repetitions, tier.size());
        RoutingStrategy[] strategies = RoutingStrategy.values();
        long[][] ns = new long[strategies.length][repetitions];
        for (int r = -2; r < repetitions; r++) { // two rounds of warm-up
            for (int s = 0; s < strategies.length; s++) {
                BenchChannels.defaultStrategy(policy, strategies[s]);
                double perRequest = run(router, tier, threads, millis);
                if (r >= 0) {
                    ns[s][r] = Math.round(perRequest);
                }
            }
        }
        System.out.printf("%-12s %8s %8s   all (ns of CPU per request)%n", "strategy", "best", "median");
        for (int s = 0; s < strategies.length; s++) {
            long[] sorted = ns[s].clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "%-12s %8d %8d   %s%n",
                    strategies[s].wireName(), sorted[0], sorted[repetitions / 2], Arrays.toString(ns[s]));
        }
    }

    /** Nanoseconds of CPU time per request (the workers' CPU time over their requests). */
    private static double run(ChannelRouter router, List<RoutableChannel> tier, int threads, long millis)
            throws InterruptedException {
        LongAdder requests = new LongAdder();
        LongAdder cpu = new LongAdder();
        ThreadMXBean threadTimes = ManagementFactory.getThreadMXBean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long n = 0;
                long cpuAtStart = threadTimes.getCurrentThreadCpuTime();
                Set<String> tried = new HashSet<>();
                while ((n & 1023) != 0 || System.nanoTime() < deadline) {
                    RoutingStrategy strategy = router.strategyFor("default", "bench-model");
                    tried.clear();
                    long startedAt = System.nanoTime();
                    RoutableChannel channel = router.next(tier, tried, strategy);
                    ChannelRouter.KeyChoice key = router.pickKey(channel, Set.of());
                    router.judge(channel, key, null);
                    router.timed(strategy, channel, null, startedAt, startedAt + 1_000_000 + (n & 0xffff));
                    channel.release();
                    n++;
                }
                cpu.add(threadTimes.getCurrentThreadCpuTime() - cpuAtStart);
                requests.add(n);
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        return (double) cpu.sum() / requests.sum();
    }
}
