package dev.tollgate.application.relay.service;

import static dev.tollgate.application.channel.port.in.RoutingFixtures.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.billing.port.in.MeteredUsage;
import dev.tollgate.application.channel.port.in.RoutableChannel;
import dev.tollgate.application.channel.port.in.RoutingPolicyView;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.domain.channel.RoutingStrategy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class RoutingStrategyPickingTest {
    private static final long MS = 1_000_000L;
    private static final RelaySettings SETTINGS = new RelaySettings(
            2,
            4096,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            5,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofSeconds(5));
    private static final RelayMetricsPort NO_METRICS = new RelayMetricsPort() {
        @Override
        public void settled(MeteredUsage usage, long charged) {}

        @Override
        public void attemptFailed(String model, String channelId, String reason, boolean failover) {}

        @Override
        public void breaker(String scope, String channelId, int keyIndex, IntSupplier state) {}

        @Override
        public void stalledAttempts(String channelId, IntSupplier count) {}

        @Override
        public void firstByte(String model, String channelId, long nanos) {}

        @Override
        public void refused(int status, String code) {}

        @Override
        public void organizationCharged(String organizationId, long charged) {}
    };

    /** No channel here has a cluster-wide limit: the allowance port is never asked. */
    private final ChannelRouter router = new ChannelRouter(
            SETTINGS,
            NO_METRICS,
            null,
            new RoutingPolicyView(new ViewFreshness()),
            Duration.ofSeconds(1),
            new ClusterConcurrency(null, "node"));

    private int served(RoutableChannel wanted, List<RoutableChannel> tier, RoutingStrategy strategy, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            RoutableChannel c = router.next(tier, Set.of(), strategy);
            count += c.id().equals(wanted.id()) ? 1 : 0;
            c.release();
        }
        return count;
    }

    @Test
    void givenTwoChannelsWithFigures_whenRoutingByLatency_thenTheFasterGetsAllButTheExplorationShare() {
        // given: the default rules explore 10 %
        RoutableChannel fast = channel("fast", 0, 1, null);
        RoutableChannel slow = channel("slow", 0, 100, null);
        long started = System.nanoTime();
        router.timed(RoutingStrategy.LATENCY, fast, null, started, started + 5 * MS);
        router.timed(RoutingStrategy.LATENCY, slow, null, started, started + 80 * MS);

        // when
        int n = 20_000;
        int toFast = served(fast, List.of(slow, fast), RoutingStrategy.LATENCY, n);

        // then: expected 90 %, whatever the weights; 4 standard deviations (≈0.85 %) of tolerance
        assertThat(toFast / (double) n).isBetween(0.89, 0.91);
    }

    @Test
    void givenAChannelWithoutFigure_whenRoutingByLatency_thenItIsTriedFirst() {
        // given
        RoutableChannel known = channel("known", 0, 1, null);
        RoutableChannel fresh = channel("fresh", 0, 1, null);
        long started = System.nanoTime();
        router.timed(RoutingStrategy.LATENCY, known, null, started, started + MS);

        // when
        int toFresh = served(fresh, List.of(known, fresh), RoutingStrategy.LATENCY, 1000);

        // then: every request but the exploration share (10 % ± 3 %)
        assertThat(toFresh).isBetween(870, 930);
    }

    @Test
    void givenAChannelThatFailed_whenRoutingByLatency_thenItCountsAsSlowAsTheFirstByteTimeout() {
        // given: it failed fast (connection refused), the other answers in 100 ms
        RoutableChannel failing = channel("failing", 0, 1, null);
        RoutableChannel steady = channel("steady", 0, 1, null);
        long started = System.nanoTime();
        router.timed(RoutingStrategy.LATENCY, steady, null, started, started + 100 * MS);
        router.timed(
                RoutingStrategy.LATENCY,
                failing,
                AttemptFailure.ofChannel(502, "upstream_error", "down", "connect", 0),
                started,
                0);

        // when
        int toSteady = served(steady, List.of(failing, steady), RoutingStrategy.LATENCY, 1000);

        // then
        assertThat(toSteady).isBetween(870, 930);
    }

    @Test
    void givenAnotherStrategy_whenAttemptsAreTimed_thenNoFigureIsKept() {
        // given: a channel timed under the weighted strategy only
        RoutableChannel timedElsewhere = channel("elsewhere", 0, 1, null);
        RoutableChannel known = channel("known2", 0, 1, null);
        long started = System.nanoTime();
        router.timed(RoutingStrategy.WEIGHTED, timedElsewhere, null, started, started + 500 * MS);
        router.timed(RoutingStrategy.LATENCY, known, null, started, started + MS);

        // when
        int toElsewhere = served(timedElsewhere, List.of(known, timedElsewhere), RoutingStrategy.LATENCY, 1000);

        // then: it has no figure, so it is tried first
        assertThat(toElsewhere).isBetween(870, 930);
    }

    @Test
    void givenChannelsWithRequestsInFlight_whenRoutingLeastBusy_thenTheIdlestIsChosenWhateverTheWeight() {
        // given
        RoutableChannel busy = channel("busy", 0, 100, null);
        RoutableChannel idle = channel("idle", 0, 1, null);
        busy.tryAcquire();
        busy.tryAcquire();
        idle.tryAcquire();

        // when
        RoutableChannel first = router.next(List.of(busy, idle), Set.of(), RoutingStrategy.LEAST_BUSY);
        RoutableChannel second = router.next(List.of(busy, idle), Set.of(), RoutingStrategy.LEAST_BUSY);
        RoutableChannel third = router.next(List.of(busy, idle), Set.of(), RoutingStrategy.LEAST_BUSY);

        // then: idle (1 → 2), then a tie (2, 2), then the one that lost the tie
        assertThat(first).isSameAs(idle);
        assertThat(third).isNotSameAs(second);
        assertThat(busy.inFlight() + idle.inFlight()).isEqualTo(6);
        assertThat(busy.inFlight()).isEqualTo(3);
    }

    @Test
    void givenATopTierAtItsLimit_whenRoutingLeastBusy_thenTheNextTierServesRatherThanOverflowing() {
        // given
        RoutableChannel full = channel("full", 10, 1, 1);
        RoutableChannel lower = channel("lower", 0, 1, null);
        full.tryAcquire();

        // when
        RoutableChannel c = router.next(List.of(full, lower), Set.of(), RoutingStrategy.LEAST_BUSY);

        // then
        assertThat(c).isSameAs(lower);
        assertThat(full.inFlight()).isEqualTo(1);
    }

    @Test
    void givenASlowFigure_whenFastSamplesArriveOverTime_thenItDecaysWithTimeNotWithTheirNumber() {
        // given: τ = 1 s
        LatencyFigures figures = new LatencyFigures(1_000 * MS);
        figures.record("c", 500 * MS, 0);

        // when: a slower sample, then two fast ones 1 s apart
        figures.record("c", 800 * MS, 10 * MS);
        double afterPeak = figures.figure("c");
        figures.record("c", 0, 1_010 * MS);
        double afterOneTau = figures.figure("c");
        figures.record("c", 0, 1_010 * MS);

        // then: the peak is taken at once; a fast sample one τ later keeps e^-1 of it; one at the same instant
        // changes nothing
        assertThat(afterPeak).isEqualTo(800 * MS);
        assertThat(afterOneTau).isCloseTo(800 * MS * Math.exp(-1), org.assertj.core.data.Offset.offset(1e3));
        assertThat(figures.figure("c")).isEqualTo(afterOneTau);
        assertThat(figures.figure("unknown")).isEqualTo(LatencyFigures.UNKNOWN);
    }
}
