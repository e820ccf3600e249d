package dev.tollgate.adapter.out.persistence.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.billing.SettlementJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The follower's reads of the request events: this process's own rows come back in their place (a token passes over
 * them) but without payload and metadata; other processes' rows come back whole.
 */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class OwnEventsBlankedTest {
    private final String self = "node-" + UUID.randomUUID();
    private final String other = "node-" + UUID.randomUUID();
    private final RequestEventStore followed;
    private final SettlementJournalPersistenceAdapter ownJournal;
    private final SettlementJournalPersistenceAdapter otherJournal;
    private final DataSource dataSource;

    @Autowired
    OwnEventsBlankedTest(
            ConnectionProvider connections,
            TransactionManager axonTransactions,
            @Qualifier("eventSerializer") Serializer serializer,
            RequestEventStore shared,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            DataSource dataSource) {
        this.dataSource = dataSource;
        this.followed = new RequestEventStore(connections, axonTransactions, serializer, Duration.ofMillis(20), self);
        UsageRecordWriter usage = new UsageRecordWriter(jdbc);
        this.ownJournal = new SettlementJournalPersistenceAdapter(shared.appender(), jdbc, transactions, usage, self);
        this.otherJournal =
                new SettlementJournalPersistenceAdapter(shared.appender(), jdbc, transactions, usage, other);
    }

    @AfterEach
    void close() {
        followed.close();
    }

    @Test
    void givenOwnAndForeignSettlements_whenFollowed_thenAllArriveInOrderAndForeignOnesWhole() throws Exception {
        // given
        TrackingToken head = followed.follower().createHeadToken();
        Map<String, Long> costs = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            RequestSettledEvent own = settled(10 + i);
            RequestSettledEvent foreign = settled(20 + i);
            ownJournal.append(List.of(own));
            otherJournal.append(List.of(foreign));
            costs.put(own.requestId(), own.cost());
            costs.put(foreign.requestId(), foreign.cost());
        }

        // when
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = followed.follower().openStream(head)) {
            while (read.size() < 6 && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                read.add(stream.nextAvailable());
            }
        }

        // then: six events, positions rising; the other node's payloads as stored
        assertThat(read).hasSize(6);
        for (int i = 1; i < read.size(); i++) {
            assertThat(read.get(i).trackingToken().covers(read.get(i - 1).trackingToken()))
                    .isTrue();
        }
        List<String> foreignIds = new ArrayList<>();
        for (TrackedEventMessage<?> m : read) {
            if (m.getIdentifier().startsWith(other + ":")) {
                RequestSettledEvent event = (RequestSettledEvent) m.getPayload();
                assertThat(event.cost()).isEqualTo(costs.get(event.requestId()));
                foreignIds.add(event.requestId());
            } else {
                assertThat(m.getIdentifier()).startsWith(self + ":");
            }
        }
        assertThat(foreignIds).hasSize(3);
    }

    @Test
    void givenOwnAndForeignRows_whenReadWithTheFollowersStatement_thenOnlyOwnPayloadsAndMetadataAreEmpty()
            throws Exception {
        // given
        long before = maxIndex();
        ownJournal.append(List.of(settled(5)));
        otherJournal.append(List.of(settled(6)));

        // when
        Map<String, int[]> sizes = new LinkedHashMap<>();
        OwnEventsBlanked reads = new OwnEventsBlanked(self);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = reads.build(
                        c, AxonJdbcStorageConfiguration.eventSchema(RequestEventStore.TABLE), before, 500, List.of());
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                byte[] payload = rows.getBytes("payload");
                byte[] metaData = rows.getBytes("meta_data");
                sizes.put(rows.getString("event_identifier"), new int[] {payload.length, metaData.length});
            }
        }

        // then
        assertThat(sizes).hasSize(2);
        sizes.forEach((id, size) -> {
            if (id.startsWith(self + ":")) {
                assertThat(size).containsExactly(0, 0);
            } else {
                assertThat(size[0]).isPositive();
                assertThat(size[1]).isPositive();
            }
        });
    }

    private long maxIndex() throws Exception {
        try (Connection c = dataSource.getConnection();
                ResultSet r = c.createStatement()
                        .executeQuery("select coalesce(max(global_index), 0) from " + RequestEventStore.TABLE)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static RequestSettledEvent settled(long cost) {
        return new RequestSettledEvent(
                "req-" + UUID.randomUUID(),
                "token-1",
                "user-1",
                "gpt-4o-mini",
                "gpt-4o-mini",
                "channel-1",
                12,
                8,
                cost,
                35,
                200,
                "succeeded",
                false,
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
