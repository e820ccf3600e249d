package dev.tollgate.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.axon.TollgateSerializers;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import liquibase.integration.spring.SpringLiquibase;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Changelog 014 on a database that ran 001–013 and holds rows from before it: every wallet entry, usage record,
 * daily total and open reservation gets its organisation (from the stored events where they say it, the owner's
 * personal organisation otherwise), and the usage records their holds.
 */
@ExtendWith(EmbeddedPostgresSupport.class)
class OrganizationBillingMigrationTest {
    private final String database = "migration_" + UUID.randomUUID().toString().replace("-", "");
    private final Serializer serializer = TollgateSerializers.jackson();
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void aDatabaseBefore014() throws Exception {
        EmbeddedPostgresSupport.jdbc().execute("create database " + database);
        String url = EmbeddedPostgresSupport.jdbcUrl();
        dataSource = new SingleConnectionDataSource(
                url.substring(0, url.lastIndexOf('/') + 1) + database, EmbeddedPostgresServer.USER, "", true);
        jdbc = new JdbcTemplate(dataSource);
        migrate("classpath:db/changelog-before-014.yaml");
    }

    @AfterEach
    void dropIt() {
        dataSource.destroy();
        EmbeddedPostgresSupport.jdbc().execute("drop database " + database);
    }

    private void migrate(String changelog) throws Exception {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(changelog);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
    }

    private void event(String stream, long sequence, Object payload) {
        jdbc.update(
                """
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload)
                values (?, ?, ?, 'X', ?, ?, null, ?)""",
                UUID.randomUUID().toString(),
                stream,
                sequence,
                Instant.now().toString(),
                payload.getClass().getName(),
                serializer.serialize(payload, byte[].class).getData());
    }

    private static Timestamp at(String instant) {
        return Timestamp.from(Instant.parse(instant));
    }

    @Test
    void givenRowsFromBeforeOrganisationsPaid_whenMigrated_thenEachRowNamesItsOrganisationAndItsHold()
            throws Exception {
        // given: a shared organisation with a wallet entry; a user's wallet entry; a settled request of the
        // organisation (reserved 500 at 10:00), an old settled request of the user's personal key (no organisation,
        // no hold), and an open reservation of the organisation
        event(
                "org-1",
                0,
                new OrganizationCreatedEvent(
                        "org-1", "Acme", "alice", false, "user:alice", Instant.parse("2026-11-01T00:00:00Z")));
        event(
                "personal-alice",
                0,
                new OrganizationCreatedEvent(
                        "personal-alice", "alice", "alice", true, "system", Instant.parse("2026-11-01T00:00:00Z")));
        event(
                "r1",
                0,
                new QuotaReservedEvent(
                        "r1", "tA", "alice", "gpt-x", 500, "n1", Instant.parse("2026-11-30T10:00:00Z"), "org-1"));
        event(
                "r1",
                1,
                new RequestSettledEvent(
                        "r1",
                        "tA",
                        "alice",
                        "gpt-x",
                        "gpt-x",
                        "ch",
                        10,
                        5,
                        120,
                        30,
                        200,
                        "succeeded",
                        false,
                        Instant.parse("2026-11-30T10:00:02Z"),
                        0,
                        0,
                        0,
                        0,
                        1,
                        500,
                        "org-1"));
        event(
                "r0",
                0,
                new RequestSettledEvent(
                        "r0",
                        "tP",
                        "alice",
                        "gpt-x",
                        "gpt-x",
                        "ch",
                        10,
                        5,
                        40,
                        30,
                        200,
                        "succeeded",
                        false,
                        Instant.parse("2026-11-29T10:00:00Z")));
        event(
                "r2",
                0,
                new QuotaReservedEvent(
                        "r2", "tB", "bob", "gpt-x", 200, "n1", Instant.parse("2026-11-30T11:00:00Z"), "org-1"));
        jdbc.update("""
                insert into wallet_entry (event_id, at, owner_id, kind, amount, reference, reason, actor) values
                ('w1', ?, 'org-1', 'top_up', 1000, null, 'invoice', 'user:root'),
                ('w2', ?, 'alice', 'top_up', 300, null, 'card', 'user:root')""", at("2026-11-02T00:00:00Z"), at("2026-11-02T00:00:00Z"));
        jdbc.update("""
                insert into usage_record (request_id, at, owner_id, token_id, channel_id, model, upstream_model,
                    prompt_tokens, completion_tokens, cost, latency_ms, upstream_status, outcome, stream) values
                ('r1', ?, 'alice', 'tA', 'ch', 'gpt-x', 'gpt-x', 10, 5, 120, 30, 200, 'succeeded', false),
                ('r0', ?, 'alice', 'tP', 'ch', 'gpt-x', 'gpt-x', 10, 5, 40, 30, 200, 'succeeded', false)""", at("2026-11-30T10:00:02Z"), at("2026-11-29T10:00:00Z"));
        jdbc.update("""
                insert into usage_daily (day, owner_id, token_id, model, channel_id, requests, failed, prompt_tokens,
                    completion_tokens, cached_prompt_tokens, reasoning_tokens, images, audio_seconds, cost) values
                ('2026-11-30', 'alice', 'tA', 'gpt-x', 'ch', 1, 0, 10, 5, 0, 0, 0, 0, 120),
                ('2026-11-29', 'alice', 'tP', 'gpt-x', 'ch', 1, 0, 10, 5, 0, 0, 0, 0, 40)""");
        jdbc.update("""
                insert into open_reservation (request_id, token_id, owner_id, model, amount, node, reserved_at)
                values ('r2', 'tB', 'bob', 'gpt-x', 200, 'n1', ?)""", at("2026-11-30T11:00:00Z"));

        // when
        migrate(EmbeddedPostgresSupport.CHANGELOG);

        // then
        assertThat(jdbc.queryForList("select organization_id from shared_organization", String.class))
                .containsExactly("org-1");
        assertThat(organisations("select event_id, organization_id from wallet_entry"))
                .isEqualTo(Map.of("w1", "org-1", "w2", "personal-alice"));
        assertThat(organisations("select request_id, organization_id from usage_record"))
                .isEqualTo(Map.of("r1", "org-1", "r0", "personal-alice"));
        assertThat(jdbc.queryForMap("select reserved, reserved_at from usage_record where request_id = 'r1'"))
                .containsEntry("reserved", 500L)
                .containsEntry("reserved_at", at("2026-11-30T10:00:00Z"));
        assertThat(jdbc.queryForMap("select reserved, reserved_at from usage_record where request_id = 'r0'"))
                .containsEntry("reserved", 0L)
                .containsEntry("reserved_at", null);
        assertThat(organisations("select token_id, organization_id from usage_daily"))
                .isEqualTo(Map.of("tA", "org-1", "tP", "personal-alice"));
        assertThat(organisations("select request_id, organization_id from open_reservation"))
                .isEqualTo(Map.of("r2", "org-1"));
    }

    private Map<String, String> organisations(String sql) {
        Map<String, String> out = new HashMap<>();
        jdbc.query(sql, rs -> {
            out.put(rs.getString(1), rs.getString(2));
        });
        return out;
    }
}
