package dev.tollgate.application.relay.service;

import static dev.tollgate.application.channel.port.in.RoutingFixtures.channel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.channel.port.in.RoutableChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChannelPickingTest {

    @Test
    void givenTwoPriorityTiers_whenPicking_thenOnlyTheTopTierIsUsed() {
        // given
        RoutableChannel top = channel("top", 10, 1, null);
        RoutableChannel low = channel("low", 0, 100, null);

        // when
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            RoutableChannel c = ChannelRouter.pick(List.of(top, low), Set.of());
            counts.merge(c.id(), 1, Integer::sum);
            c.release();
        }

        // then
        assertThat(counts).containsOnlyKeys("top");
    }

    @Test
    void givenWeightsThreeToOne_whenPicking20000Times_thenTheShareFollowsTheWeights() {
        // given
        RoutableChannel heavy = channel("heavy", 0, 3, null);
        RoutableChannel light = channel("light", 0, 1, null);

        // when
        int heavyCount = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            RoutableChannel c = ChannelRouter.pick(List.of(heavy, light), Set.of());
            if (c == heavy) {
                heavyCount++;
            }
            c.release();
        }

        // then: expected 75 %; 4 standard deviations (≈1.2 %) of tolerance
        double share = heavyCount / (double) n;
        assertThat(share).isBetween(0.738, 0.762);
    }

    @Test
    void givenTheTopChannelAlreadyTried_whenPicking_thenTheNextTierIsUsed() {
        // given
        RoutableChannel top = channel("top", 10, 1, null);
        RoutableChannel low = channel("low", 0, 1, null);

        // when
        RoutableChannel c = ChannelRouter.pick(List.of(top, low), Set.of("top"));

        // then
        assertThat(c).isSameAs(low);
    }

    @Test
    void givenASaturatedChannel_whenPicking_thenItIsSkippedAndWhenAllAreSaturatedNoneIsReturned() {
        // given
        RoutableChannel a = channel("a", 0, 1, 1);
        RoutableChannel b = channel("b", 0, 1, 1);

        // when
        RoutableChannel first = ChannelRouter.pick(List.of(a, b), Set.of());
        RoutableChannel second = ChannelRouter.pick(List.of(a, b), Set.of());
        RoutableChannel third = ChannelRouter.pick(List.of(a, b), Set.of());

        // then
        assertThat(Set.of(first.id(), second.id())).containsExactlyInAnyOrder("a", "b");
        assertThat(third).isNull();
        first.release();
        assertThat(ChannelRouter.pick(List.of(a, b), Set.of())).isSameAs(first);
    }

    @Test
    void givenAllWeightsZero_whenPicking_thenEveryChannelIsUsed() {
        // given
        RoutableChannel a = channel("a", 0, 0, null);
        RoutableChannel b = channel("b", 0, 0, null);

        // when
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            RoutableChannel c = ChannelRouter.pick(List.of(a, b), Set.of());
            counts.merge(c.id(), 1, Integer::sum);
            c.release();
        }

        // then
        assertThat(counts).containsKeys("a", "b");
    }
}
