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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/** The router and a channel whose attempts wait for their head longer than the stall threshold. */
class StalledChannelRoutingTest {
    private static final long SECOND = 1_000_000_000L;
    /** Threshold 2, stalled after 20 s. */
    private static final RelaySettings SETTINGS = new RelaySettings(
            2,
            4096,
            Duration.ofSeconds(60),
            Duration.ofSeconds(20),
            2,
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            Duration.ofSeconds(20));

    private final Map<String, IntSupplier> stalledGauges = new ConcurrentHashMap<>();
    private final RelayMetricsPort metrics = new RelayMetricsPort() {
        @Override
        public void settled(MeteredUsage usage, long charged) {}

        @Override
        public void attemptFailed(String model, String channelId, String reason, boolean failover) {}

        @Override
        public void breaker(String scope, String channelId, int keyIndex, IntSupplier state) {}

        @Override
        public void stalledAttempts(String channelId, IntSupplier count) {
            stalledGauges.put(channelId, count);
        }

        @Override
        public void firstByte(String model, String channelId, long nanos) {}

        @Override
        public void refused(int status, String code) {}

        @Override
        public void organizationCharged(String organizationId, long charged) {}
    };

    private final ChannelRouter router = new ChannelRouter(
            SETTINGS,
            metrics,
            null,
            new RoutingPolicyView(new ViewFreshness()),
            Duration.ofSeconds(1),
            new ClusterConcurrency(null, "node"));

    /** Two attempts on {@code channel} that started 25 s ago and are still waiting for their head. */
    private List<HeadWatch.Waiting> twoHungAttempts(RoutableChannel channel) {
        long longAgo = System.nanoTime() - 25 * SECOND;
        return List.of(router.awaitHead(channel, longAgo), router.awaitHead(channel, longAgo));
    }

    private String next(List<RoutableChannel> candidates) {
        RoutableChannel chosen = router.next(candidates, Set.of(), RoutingStrategy.WEIGHTED);
        if (chosen == null) {
            return null;
        }
        chosen.release();
        return chosen.id();
    }

    @Test
    void givenAPreferredChannelWithStalledAttempts_whenRouting_thenNewRequestsGoToTheNextTier() {
        // given
        RoutableChannel hung = channel("hung", 10, 1, null);
        RoutableChannel fallback = channel("fallback", 0, 1, null);
        twoHungAttempts(hung);

        // when
        String chosen = next(List.of(hung, fallback));

        // then
        assertThat(chosen).isEqualTo("fallback");
        assertThat(stalledGauges.get("hung").getAsInt()).isEqualTo(2);
    }

    @Test
    void givenAStalledChannel_whenOneOfItsAttemptsGetsItsHead_thenItServesAgain() {
        // given
        RoutableChannel hung = channel("recovering", 10, 1, null);
        RoutableChannel fallback = channel("fallback2", 0, 1, null);
        List<HeadWatch.Waiting> waiting = twoHungAttempts(hung);
        assertThat(next(List.of(hung, fallback))).isEqualTo("fallback2");

        // when
        waiting.getFirst().headArrived();

        // then
        assertThat(next(List.of(hung, fallback))).isEqualTo("recovering");
        assertThat(stalledGauges.get("recovering").getAsInt()).isZero();
    }

    @Test
    void givenAStalledChannelAndNoOtherChannelLeft_whenRouting_thenItStillServesAsTheLastResort() {
        // given: the only other channel was tried already for this request
        RoutableChannel hung = channel("alone", 10, 1, null);
        RoutableChannel tried = channel("tried", 0, 1, null);
        twoHungAttempts(hung);

        // when
        RoutableChannel chosen = router.next(List.of(hung, tried), Set.of("tried"), RoutingStrategy.WEIGHTED);

        // then: a stall may be long answers; an open breaker would keep it out (see CircuitBreakerTest)
        assertThat(chosen).isNotNull();
        assertThat(chosen.id()).isEqualTo("alone");
        chosen.release();
    }

    @Test
    void givenOneAttemptWaitingLongBelowTheThreshold_whenRouting_thenTheChannelKeepsItsTraffic() {
        // given: threshold 2, one attempt stalled
        RoutableChannel slow = channel("slow", 10, 1, null);
        RoutableChannel fallback = channel("fallback3", 0, 1, null);
        router.awaitHead(slow, System.nanoTime() - 25 * SECOND);
        router.awaitHead(slow, System.nanoTime());

        // when
        String chosen = next(List.of(slow, fallback));

        // then
        assertThat(chosen).isEqualTo("slow");
    }
}
