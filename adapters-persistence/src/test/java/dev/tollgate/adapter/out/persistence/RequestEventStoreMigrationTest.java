package dev.tollgate.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.axon.TollgateSerializers;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
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
 * Changelog 020 on a database that holds request events in {@code domain_event_entry}: they move to
 * {@code request_event_entry} in their order, the other events stay, and {@code quota_spent} holds what the moved
 * settlements charged each key, wallet and member budget month.
 */
@ExtendWith(EmbeddedPostgresSupport.class)
class RequestEventStoreMigrationTest {
    private final String database = "migration_" + UUID.randomUUID().toString().replace("-", "");
    private final Serializer serializer = TollgateSerializers.jackson();
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void aDatabaseBefore020() throws Exception {
        EmbeddedPostgresSupport.jdbc().execute("create database " + database);
        String url = EmbeddedPostgresSupport.jdbcUrl();
        dataSource = new SingleConnectionDataSource(
                url.substring(0, url.lastIndexOf('/') + 1) + database, EmbeddedPostgresServer.USER, "", true);
        jdbc = new JdbcTemplate(dataSource);
        migrate("classpath:db/changelog-before-020.yaml");
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

    private void event(String type, String stream, long sequence, Object payload) {
        jdbc.update(
                """
                insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload)
                values (?, ?, ?, ?, ?, ?, null, ?)""",
                UUID.randomUUID().toString(),
                stream,
                sequence,
                type,
                Instant.now().toString(),
                payload.getClass().getName(),
                serializer.serialize(payload, byte[].class).getData());
    }

    private static RequestSettledEvent settled(
            String request, String token, String owner, long cost, String at, String organization, long reserved) {
        return new RequestSettledEvent(
                request,
                token,
                owner,
                "m",
                "m",
                "c",
                10,
                20,
                cost,
                5,
                200,
                "succeeded",
                false,
                Instant.parse(at),
                0,
                0,
                0,
                0,
                1,
                reserved,
                organization);
    }

    @Test
    void givenRequestEventsAmongOtherEvents_whenMigrated_thenTheyMoveAndTheirChargesAreSummedPerAccount()
            throws Exception {
        // given: an organisation's event; a personal key's old settlement (no organisation recorded), a settlement
        // of the same key naming the personal organisation, a shared organisation's settlement in another month with
        // its reservation, and a failed request that charged nothing
        event(
                "Organization",
                "org-1",
                0,
                new OrganizationCreatedEvent(
                        "org-1", "Acme", "alice", false, "user:alice", Instant.parse("2026-11-01T00:00:00Z")));
        event("Request", "r1", 0, settled("r1", "t-bob", "bob", 70, "2026-11-30T23:59:59Z", null, 0));
        event("Request", "r2", 0, settled("r2", "t-bob", "bob", 30, "2026-12-01T00:00:00Z", "personal-bob", 0));
        event(
                "Request",
                "r3",
                0,
                new QuotaReservedEvent(
                        "r3", "t-team", "alice", "m", 900, "node-1", Instant.parse("2026-12-02T10:00:00Z"), "org-1"));
        event("Request", "r3", 1, settled("r3", "t-team", "alice", 500, "2026-12-02T10:00:01Z", "org-1", 900));
        event("Request", "r4", 0, settled("r4", "t-bob", "bob", 0, "2026-12-03T00:00:00Z", null, 0));

        // when
        migrate(EmbeddedPostgresSupport.CHANGELOG);

        // then
        assertThat(jdbc.queryForList("select aggregate_identifier from domain_event_entry", String.class))
                .containsExactly("org-1");
        assertThat(jdbc.queryForList("""
                select aggregate_identifier || '#' || sequence_number from request_event_entry
                order by global_index""", String.class)).containsExactly("r1#0", "r2#0", "r3#0", "r3#1", "r4#0");
        Map<String, Long> spent = new HashMap<>();
        jdbc.query("select account_id, spent from quota_spent", rs -> {
            spent.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(spent)
                .isEqualTo(Map.of(
                        "key:t-bob", 100L,
                        "wallet:bob", 100L,
                        "budget:personal-bob/bob:2026-11", 70L,
                        "budget:personal-bob/bob:2026-12", 30L,
                        "key:t-team", 500L,
                        "wallet:org-1", 500L,
                        "budget:org-1/alice:2026-12", 500L));
    }
}
