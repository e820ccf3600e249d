package dev.tollgate.application.channel.port.in;

import static dev.tollgate.application.channel.port.in.RoutingFixtures.created;
import static dev.tollgate.application.channel.port.in.RoutingFixtures.directory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routing index with organisations' private channels: who may be routed where, and in which order. */
class ChannelDirectoryPrivateChannelsTest {
    private static final Instant AT = Instant.parse("2026-01-02T00:00:00Z");

    private static List<String> ids(List<RoutableChannel> channels) {
        return channels.stream().map(RoutableChannel::id).toList();
    }

    @Test
    void givenPrivateAndPlatformChannels_whenAKeyOfTheOrganisationAsks_thenItsPrivateChannelsComeFirst() {
        // given: equal configured priorities, so only the private-first rule orders them
        ChannelDirectory channels = directory(
                created("platform-1", null, List.of("default"), 0, 1, "m"),
                created("private-a", "org-a", List.of(), 0, 1, "m"),
                created("private-a-low", "org-a", List.of(), -5, 1, "m"));

        // when
        List<RoutableChannel> forA = channels.candidates("org-a", "default", "m");

        // then: each tier its own rank, private tiers above the platform's
        assertThat(ids(forA)).containsExactly("private-a", "private-a-low", "platform-1");
        assertThat(forA.stream().map(RoutableChannel::priority).toList()).containsExactly(2, 1, 0);
        assertThat(forA.getFirst().organizationId()).isEqualTo("org-a");
    }

    @Test
    void givenAnotherOrganisationsPrivateChannel_whenAKeyAsks_thenItIsNeverACandidateNorAModel() {
        // given
        ChannelDirectory channels = directory(
                created("platform-1", null, List.of("default"), 0, 1, "shared"),
                created("private-a", "org-a", List.of(), 0, 1, "shared", "only-a"));

        // when / then
        assertThat(ids(channels.candidates("org-b", "default", "shared"))).containsExactly("platform-1");
        assertThat(channels.candidates("org-b", "default", "only-a")).isEmpty();
        assertThat(channels.candidates(null, "default", "only-a")).isEmpty();
        assertThat(channels.models("org-b", "default")).containsExactly("shared");
        assertThat(channels.models("org-a", "default")).containsExactly("only-a", "shared");
        assertThat(channels.models("default")).containsExactly("shared");
    }

    @Test
    void givenAPrivateChannel_whenKeysOfAnyGroupAsk_thenItServesThemAll() {
        // given: the platform serves "m" only to vip
        ChannelDirectory channels = directory(
                created("platform-vip", null, List.of("vip"), 9, 1, "m"),
                created("private-a", "org-a", List.of(), 0, 1, "m"));

        // when / then
        assertThat(ids(channels.candidates("org-a", "default", "m"))).containsExactly("private-a");
        assertThat(ids(channels.candidates("org-a", "vip", "m"))).containsExactly("private-a", "platform-vip");
        assertThat(ids(channels.candidates("org-a", "unknown-group", "m"))).containsExactly("private-a");
        assertThat(ids(channels.candidates("org-b", "vip", "m"))).containsExactly("platform-vip");
    }

    @Test
    void givenADisabledOrDeletedPrivateChannel_whenAsking_thenThePlatformServesAndItIsStillKnownAsPrivate() {
        // given
        ChannelDirectory channels = directory(
                created("platform-1", null, List.of("default"), 0, 1, "m"),
                created("private-a", "org-a", List.of(), 0, 1, "m"),
                created("private-a2", "org-a", List.of(), 0, 1, "m"),
                new ChannelStatusChangedEvent("private-a", "disabled", null, "user:u1", AT),
                new ChannelDeletedEvent("private-a2", "user:u1", AT));

        // when / then
        assertThat(ids(channels.candidates("org-a", "default", "m"))).containsExactly("platform-1");
        assertThat(channels.privateChannel("private-a2")).isTrue();
        assertThat(channels.privateChannel("platform-1")).isFalse();
        assertThat(channels.all())
                .filteredOn(v -> "org-a".equals(v.organizationId()))
                .extracting(ChannelView::id)
                .containsExactly("private-a");
        assertThat(channels.find("private-a").orElseThrow().organizationId()).isEqualTo("org-a");
    }

    @Test
    void givenAPrivateChannelInTwoLists_whenOneCopyTakesASlot_thenTheLimitHoldsAcrossLists() {
        // given: maxConcurrency 1, listed for the default and the vip group
        ChannelDirectory channels = directory(
                created("platform-d", null, List.of("default"), 0, 1, "m"),
                created("platform-v", null, List.of("vip"), 0, 1, "m"),
                new ChannelCreatedEvent(
                        "private-a",
                        "p",
                        "openai",
                        "https://p.example.com",
                        List.of("sk-****"),
                        List.of("m"),
                        Map.of(),
                        List.of(),
                        0,
                        1,
                        1,
                        Map.of(),
                        "user:u1",
                        AT,
                        "org-a"));
        RoutableChannel inDefault = channels.candidates("org-a", "default", "m").getFirst();
        RoutableChannel inVip = channels.candidates("org-a", "vip", "m").getFirst();

        // when
        boolean first = inDefault.tryAcquire();

        // then
        assertThat(first).isTrue();
        assertThat(inVip.saturated()).isTrue();
        assertThat(inVip.tryAcquire()).isFalse();
    }
}
