package dev.tollgate.adapter.out.persistence.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.adapter.out.persistence.StatementCounter;
import dev.tollgate.application.channel.port.in.ChannelFilter;
import dev.tollgate.application.channel.port.in.ChannelView;
import dev.tollgate.application.channel.port.out.ChannelListPort;
import dev.tollgate.application.channel.port.out.ChannelListPort.ChannelQuery;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import dev.tollgate.domain.channel.event.ChannelUpdatedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The list of channels on the real schema, kept by {@link ChannelListProjection} in JPA transactions: a page of 100 is
 * one statement and its total another; filters by organisation, type, status, group, model and search text (name,
 * base URL or a model; wildcards literal); masked keys only; replayed events change nothing.
 */
@TestPropertySource(
        properties = "spring.jpa.properties.hibernate.session_factory.statement_inspector="
                + "dev.tollgate.adapter.out.persistence.StatementCounter")
class ChannelListPersistenceAdapterTest extends SpringBootPersistenceTest {
    private static final int CHANNELS = 150;
    private static final Instant BASE = Instant.parse("2026-05-01T00:00:00Z");

    @Autowired
    ChannelListPort channels;

    @Autowired
    ChannelListProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER)
    PlatformTransactionManager jpa;

    @BeforeEach
    void channels() {
        // given: 150 platform channels c0..c149 (one a second; even: openai in group default serving gpt-4o-mini, odd:
        // deepseek in groups default and vip serving deepseek-chat), a private channel of org-a; c3 renamed with new
        // keys, c4 disabled, c5 disabled by Tollgate, c6 deleted
        jdbc.update("delete from channel_listing");
        inJpa(() -> {
            for (int i = 0; i < CHANNELS; i++) {
                projection.on(created("c" + i, i, null));
            }
            projection.on(created("private-a", -1, "org-a"));
            projection.on(new ChannelUpdatedEvent(
                    "c3",
                    "Main 100%_pool",
                    "https://api.deepseek.com",
                    List.of("sk-****9999"),
                    List.of("deepseek-chat", "deepseek-reasoner"),
                    Map.of("deepseek-reasoner", "deepseek-r1"),
                    List.of("vip"),
                    5,
                    2,
                    10,
                    Map.of(),
                    "user:root",
                    BASE.plusSeconds(1000)));
            projection.on(new ChannelStatusChangedEvent("c4", "disabled", "by hand", "user:root", BASE));
            projection.on(new ChannelAutoDisabledEvent("c5", "401 from upstream", BASE));
            projection.on(new ChannelDeletedEvent("c6", "user:root", BASE));
        });
    }

    @Test
    void givenManyChannels_whenAPageOf100AndTheTotalAreRead_thenTwoStatementsInCreationOrder() {
        // given
        ChannelQuery every = new ChannelQuery(null, ChannelFilter.NONE);

        // when
        StatementCounter.reset();
        List<ChannelView> page = channels.find(every, 0, 100);
        long total = channels.count(every);
        int statements = StatementCounter.count();
        List<ChannelView> rest = channels.find(every, 100, 100);

        // then
        assertThat(statements).isEqualTo(2);
        assertThat(total).isEqualTo(CHANNELS);
        assertThat(page).hasSize(100);
        assertThat(rest).hasSize(CHANNELS - 100);
        assertThat(page.get(0).id()).isEqualTo("private-a");
        assertThat(page.get(0).organizationId()).isEqualTo("org-a");
        assertThat(page.get(1).id()).isEqualTo("c0");
        assertThat(page).extracting(ChannelView::id).doesNotContain("c6");
        assertThat(page).isSortedAccordingTo((a, b) -> a.createdAt().compareTo(b.createdAt()));
    }

    @Test
    void givenAChannelChanged_whenListed_thenItsViewHasTheChangesAndOnlyMaskedKeys() {
        // when
        ChannelView c3 = channels.find(new ChannelQuery(null, filter("100%_", null, null, null, null)), 0, 10)
                .getFirst();
        ChannelView c2 = channels.find(new ChannelQuery(null, filter("channel 2", null, null, null, null)), 0, 1)
                .getFirst();

        // then
        assertThat(c3)
                .isEqualTo(new ChannelView(
                        "c3",
                        "Main 100%_pool",
                        "deepseek",
                        "https://api.deepseek.com",
                        List.of("sk-****9999"),
                        List.of("deepseek-chat", "deepseek-reasoner"),
                        Map.of("deepseek-reasoner", "deepseek-r1"),
                        List.of("vip"),
                        5,
                        2,
                        10,
                        Map.of(),
                        "enabled",
                        BASE.plusSeconds(3),
                        BASE.plusSeconds(1000),
                        null));
        assertThat(c2.keys()).containsExactly("sk-****0002");
        assertThat(c2.options()).containsEntry("organization", "org-2");
        assertThat(c2.maxConcurrency()).isNull();
    }

    @Test
    void givenFilters_whenListed_thenEachNarrowsTheList() {
        // when / then
        assertThat(count(null, filter(null, "openai", null, null, null))).isEqualTo(CHANNELS / 2 - 1); // c4, c6 gone
        assertThat(count(null, filter(null, null, "disabled", null, null))).isEqualTo(1);
        assertThat(ids(null, filter(null, null, "auto_disabled", null, null))).containsExactly("c5");
        assertThat(count(null, filter(null, null, null, "vip", null))).isEqualTo(CHANNELS / 2);
        assertThat(count(null, filter(null, null, null, null, "deepseek-reasoner")))
                .isEqualTo(1);
        assertThat(count(null, filter("REASONER", null, null, null, null))).isEqualTo(1);
        assertThat(count(null, filter("example.org/7", null, null, null, null))).isEqualTo(11); // 7, 70..79
        assertThat(count(null, filter("chatdeepseek", null, null, null, null))).isZero(); // never across two models
        assertThat(ids("org-a", ChannelFilter.NONE)).containsExactly("private-a");
        assertThat(ids("org-b", ChannelFilter.NONE)).isEmpty();
        assertThat(ids(null, filter("chan", "openai", "enabled", "default", "gpt-4o-mini")))
                .hasSize(CHANNELS / 2 - 2)
                .doesNotContain("c4", "c6");
    }

    @Test
    void givenTheEventsAppliedAgain_whenListed_thenNothingChanged() {
        // when: a replay of the creations and of the deletion
        inJpa(() -> {
            for (int i = 0; i < 10; i++) {
                projection.on(created("c" + i, i, null));
            }
            projection.on(new ChannelDeletedEvent("c6", "user:root", BASE));
        });

        // then: c3 keeps its later settings, c6 stays deleted
        assertThat(count(null, ChannelFilter.NONE)).isEqualTo(CHANNELS);
        assertThat(ids(null, filter("100%", null, null, null, null))).containsExactly("c3");
    }

    private static ChannelCreatedEvent created(String id, int i, String organizationId) {
        boolean even = i % 2 == 0;
        return new ChannelCreatedEvent(
                id,
                "Channel " + i,
                even ? "openai" : "deepseek",
                "https://example.org/" + i,
                List.of("sk-****" + String.format("%04d", Math.abs(i))),
                List.of(even ? "gpt-4o-mini" : "deepseek-chat"),
                Map.of(),
                organizationId != null ? List.of() : even ? List.of("default") : List.of("default", "vip"),
                0,
                1,
                null,
                Map.of("organization", "org-" + i),
                "user:root",
                BASE.plusSeconds(i),
                organizationId);
    }

    private static ChannelFilter filter(String q, String type, String status, String group, String model) {
        return new ChannelFilter(new TextSearch(q), type, status, group, model);
    }

    private long count(String organizationId, ChannelFilter filter) {
        return channels.count(new ChannelQuery(organizationId, filter));
    }

    private List<String> ids(String organizationId, ChannelFilter filter) {
        return channels.find(new ChannelQuery(organizationId, filter), 0, 500).stream()
                .map(ChannelView::id)
                .toList();
    }

    private void inJpa(Runnable work) {
        new TransactionTemplate(jpa).executeWithoutResult(status -> work.run());
    }
}
