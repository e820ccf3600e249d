package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.billing.AllowancePersistenceAdapter;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.FileSystemUtils;

/**
 * Issue 20, finding 4: requests hung for 30 s and more when PostgreSQL stopped. Requests short of allowance on one
 * pool wait for its top-up, one at a time; each top-up waited for a database connection (the pool's connection
 * time-out) and the next one then tried again, so the last of N requests waited N time-outs. Now, once a grant
 * failed, the others fail at once (503 billing_unavailable), and the wait for a top-up is bounded.
 */
class AllowanceOutageTest {
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final int REQUESTS = 12;

    private Path dataDir;
    private EmbeddedPostgresServer server;
    private HikariDataSource pool;

    @BeforeEach
    void aDatabaseOfItsOwn() {
        dataDir = EmbeddedPostgresSupport.newDataDir();
        server = EmbeddedPostgresServer.start(dataDir);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setPoolName("allowance-outage-test");
        pool = new HikariDataSource(config);
        EmbeddedPostgresSupport.migrate(pool);
    }

    @AfterEach
    void stopIt() throws IOException {
        pool.close();
        server.close();
        FileSystemUtils.deleteRecursively(dataDir);
    }

    @Test
    void givenTheDatabaseStopped_whenManyRequestsNeedATopUpOfOnePool_thenEachIsRefusedWithinTwoConnectionTimeOuts()
            throws Exception {
        // given: a key of 1,000,000 units; this node was granted a little of it, then PostgreSQL stops
        QuotaLedger ledger = new QuotaLedger(
                null,
                Clock.systemUTC(),
                new AllowancePersistenceAdapter(new JdbcTemplate(pool), new DataSourceTransactionManager(pool)),
                "node-outage",
                Duration.ZERO);
        ledger.on(new TokenIssuedEvent(
                "t-outage",
                "u-outage",
                "k",
                "0".repeat(64),
                "sk-...",
                1_000_000,
                false,
                null,
                List.of(),
                "user:u-outage",
                AT));
        ledger.on(new WalletCreditedEvent("wallet-u-outage", 10_000_000, "top_up", "funds", "user:root", AT), 0);
        ledger.settle(ledger.reserve("t-outage", "r-0", 10).orElseThrow(), 10);
        server.close();

        // when: requests larger than what is left of the allowance, all at once
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Duration>> waits = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                String id = "r-" + (i + 1);
                waits.add(threads.submit(() -> {
                    start.await();
                    long began = System.nanoTime();
                    try {
                        ledger.reserve("t-outage", id, 100_000);
                        throw new AssertionError("a top-up was granted by a stopped database");
                    } catch (QuotaLedger.AllowanceUnavailableException expected) {
                        return Duration.ofNanos(System.nanoTime() - began);
                    }
                }));
            }
            start.countDown();
        }

        // then: every one refused as billing unavailable within two connection time-outs, none after all the others
        for (Future<Duration> wait : waits) {
            assertThat(wait.get(REQUESTS * 2L * CONNECTION_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS))
                    .isLessThan(CONNECTION_TIMEOUT.multipliedBy(2).plusMillis(1_500));
        }
    }
}
