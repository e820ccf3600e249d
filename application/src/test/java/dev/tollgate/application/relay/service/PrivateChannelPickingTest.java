package dev.tollgate.application.relay.service;

import static dev.tollgate.application.channel.port.in.RoutingFixtures.created;
import static dev.tollgate.application.channel.port.in.RoutingFixtures.directory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.RoutableChannel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The router over an organisation's candidate list: its private channels serve first, the platform's after. */
class PrivateChannelPickingTest {

    @Test
    void givenPrivateAndPlatformChannelsOfEqualPriority_whenPicking_thenThePrivateOneIsAlwaysFirst() {
        // given
        ChannelDirectory channels = directory(
                created("platform-1", null, List.of("default"), 0, 100, "m"),
                created("private-a", "org-a", List.of(), 0, 1, "m"));
        List<RoutableChannel> candidates = channels.candidates("org-a", "default", "m");

        for (int i = 0; i < 200; i++) {
            // when
            RoutableChannel chosen = ChannelRouter.pick(candidates, Set.of());

            // then
            assertThat(chosen.id()).isEqualTo("private-a");
            chosen.release();
        }
    }

    @Test
    void givenThePrivateChannelTried_whenPickingAgain_thenThePlatformChannelServes() {
        // given
        ChannelDirectory channels = directory(
                created("platform-1", null, List.of("default"), 7, 1, "m"),
                created("private-a", "org-a", List.of(), 0, 1, "m"));
        List<RoutableChannel> candidates = channels.candidates("org-a", "default", "m");
        Set<String> tried = new HashSet<>(Set.of("private-a"));

        // when
        RoutableChannel chosen = ChannelRouter.pick(candidates, tried);

        // then
        assertThat(chosen.id()).isEqualTo("platform-1");
    }
}
