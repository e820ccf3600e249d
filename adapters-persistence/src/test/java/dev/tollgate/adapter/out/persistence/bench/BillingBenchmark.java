package dev.tollgate.adapter.out.persistence.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.axon.AxonJdbcStorageConfiguration;
import dev.tollgate.adapter.out.persistence.axon.TollgateSerializers;
import dev.tollgate.adapter.out.persistence.billing.SettlementJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing benchmark (run by {@code bench/billing.sh}, never by the test build): how many settled requests per second
 * the real {@link BillingJournal} stores through the real {@link SettlementJournalPersistenceAdapter} (Axon's JDBC
 * event store, one {@code RequestSettledEvent} stream per request, and its {@code usage_record} row, one transaction
 * per batch) in Tollgate's embedded PostgreSQL, against baselines measured in the same run on the same database:
 *
 * <ol>
 *   <li>{@code raw-insert}: the same rows (the event serialized by the same serializer, the same usage row) written
 *       with plain JDBC batch inserts, batches of {@code max-batch}, one transaction each: what storing these rows
 *       costs on this machine without Axon;</li>
 *   <li>{@code copy} (first round only): the same rows with {@code COPY FROM STDIN}, what a bulk path could reach;</li>
 *   <li>{@code adapter-direct}: the persistence adapter called in batches of {@code max-batch} on one thread (no
 *       journal, no queue);</li>
 *   <li>{@code journal-saturated}: producer threads hand every settlement to the journal as fast as they can; the
 *       rate is counted until the last one is stored; the batch sizes the group commit formed are reported;</li>
 *   <li>{@code journal-paced}: producers hand settlements over at a fixed rate (default 10,000/s, BRIEF §4's target)
 *       for a while; reports whether the journal kept up (settlements waiting at most, and how long the last one
 *       waited to be stored).</li>
 * </ol>
 *
 * <p>Every phase runs twice, on two connection pools: with the JDBC URL as Tollgate uses it, and with the driver's
 * {@code reWriteBatchedInserts=true} (a JDBC batch of inserts sent as multi-row inserts).
 *
 * <p>Arguments ({@code key=value}): {@code n} settlements per measured phase (default 100,000), {@code warmup}
 * (default 20,000), {@code producers} (4), {@code flush-ms} (20), {@code max-batch} (2,000), {@code rate} (10,000
 * per second), {@code paced-seconds} (10).
 */
public final class BillingBenchmark {
    private static final PrintStream OUT = System.out;

    private BillingBenchmark() {}

    /** The JDBC URL the next storage context connects with (the embedded server's, plus driver parameters). */
    private static volatile String jdbcUrl;

    /** Axon's production JDBC storage on the benchmark's database (as the persistence tests' configuration). */
    @Configuration(proxyBeanMethods = false)
    @Import(AxonJdbcStorageConfiguration.class)
    static class Storage {
        @Bean(destroyMethod = "close")
        HikariDataSource dataSource() {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(EmbeddedPostgresServer.USER);
            config.setMaximumPoolSize(8);
            return new HikariDataSource(config);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        JdbcTemplate jdbcTemplate(DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean(destroyMethod = "shutDown")
        EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine) {
            return EmbeddedEventStore.builder()
                    .storageEngine(eventStorageEngine)
                    .build();
        }
    }

    /** Counts and times the batches the journal hands to the store. */
    private static final class MeasuredStore implements SettlementJournalPort {
        private final SettlementJournalPort store;
        final ConcurrentLinkedQueue<Integer> batches = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();

        MeasuredStore(SettlementJournalPort store) {
            this.store = store;
        }

        @Override
        public int append(List<? extends dev.tollgate.domain.billing.event.RequestEvent> events) {
            long t0 = System.nanoTime();
            int stored = store.append(events);
            micros.add((System.nanoTime() - t0) / 1_000);
            batches.add(events.size());
            return stored;
        }

        void reset() {
            batches.clear();
            micros.clear();
        }

        String summary() {
            List<Integer> sizes = new ArrayList<>(batches);
            List<Long> times = new ArrayList<>(micros);
            if (sizes.isEmpty()) {
                return "no batches";
            }
            sizes.sort(null);
            times.sort(null);
            double mean = sizes.stream().mapToInt(Integer::intValue).average().orElse(0);
            return String.format(
                    "%d batches, size min %d / median %d / mean %.0f / max %d; commit ms median %.1f / " + "p99 %.1f",
                    sizes.size(),
                    sizes.getFirst(),
                    sizes.get(sizes.size() / 2),
                    mean,
                    sizes.getLast(),
                    times.get(times.size() / 2) / 1000.0,
                    times.get((int) Math.min(times.size() - 1, Math.floor(times.size() * 0.99))) / 1000.0);
        }
    }

    private static List<RequestSettledEvent> events(int n, String run) {
        List<RequestSettledEvent> out = new ArrayList<>(n);
        Instant at = Instant.now();
        for (int i = 0; i < n; i++) {
            out.add(new RequestSettledEvent(
                    "req_" + run + "_" + i,
                    "token-" + (i % 50),
                    "owner-" + (i % 10),
                    "gpt-4o-mini",
                    "gpt-4o-mini",
                    "channel-" + (i % 3),
                    120 + i % 7,
                    80 + i % 11,
                    35 + i % 13,
                    200 + i % 50,
                    200,
                    "succeeded",
                    i % 2 == 0,
                    at,
                    0,
                    0,
                    0,
                    0,
                    1,
                    0,
                    null));
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                opts.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        int n = Integer.parseInt(opts.getOrDefault("n", "100000"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "20000"));
        int producers = Integer.parseInt(opts.getOrDefault("producers", "4"));
        long flushMs = Long.parseLong(opts.getOrDefault("flush-ms", "20"));
        int maxBatch = Integer.parseInt(opts.getOrDefault("max-batch", "2000"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "10000"));
        int pacedSeconds = Integer.parseInt(opts.getOrDefault("paced-seconds", "10"));
        OUT.printf(
                "billing benchmark: n=%d warmup=%d producers=%d flush=%d ms max-batch=%d paced=%d/s for %d s, "
                        + "%d cores, Java %s%n",
                n,
                warmup,
                producers,
                flushMs,
                maxBatch,
                rate,
                pacedSeconds,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        long started = System.nanoTime();
        EmbeddedPostgresSupport.database();
        OUT.printf("embedded PostgreSQL up with the schema in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        try {
            String url = EmbeddedPostgresSupport.jdbcUrl();
            boolean first = true;
            for (String variant : List.of(url, url + "?reWriteBatchedInserts=true")) {
                jdbcUrl = variant;
                OUT.printf("%n-- JDBC URL %s%n", variant.substring(variant.lastIndexOf('/')));
                try (AnnotationConfigApplicationContext spring =
                        new AnnotationConfigApplicationContext(Storage.class)) {
                    measure(spring, n, warmup, producers, flushMs, maxBatch, rate, pacedSeconds, first);
                }
                first = false;
            }
            Long rows = EmbeddedPostgresSupport.jdbc().queryForObject("select count(*) from usage_record", Long.class);
            Long events = EmbeddedPostgresSupport.jdbc()
                    .queryForObject("select count(*) from request_event_entry", Long.class);
            OUT.printf("%nstored: %,d events, %,d usage rows (one each)%n", events, rows);
        } finally {
            EmbeddedPostgresSupport.database().close();
        }
    }

    private static void measure(
            AnnotationConfigApplicationContext spring,
            int n,
            int warmup,
            int producers,
            long flushMs,
            int maxBatch,
            int rate,
            int pacedSeconds,
            boolean withCopy)
            throws Exception {
        EventStore eventStore = spring.getBean(dev.tollgate.adapter.out.persistence.axon.RequestEventStore.class)
                .store();
        JdbcTemplate jdbc = spring.getBean(JdbcTemplate.class);
        PlatformTransactionManager transactions = spring.getBean(PlatformTransactionManager.class);
        UsageRecordWriter usage = new UsageRecordWriter(jdbc);
        SettlementJournalPersistenceAdapter adapter =
                new SettlementJournalPersistenceAdapter(eventStore, jdbc, transactions, usage);

        // warm-up: every path once, not counted
        rawInsert(jdbc, transactions, usage, events(warmup, "warm-raw-" + UUID.randomUUID()), maxBatch);
        direct(adapter, events(warmup, "warm-direct-" + UUID.randomUUID()), maxBatch);
        saturated(adapter, events(warmup, "warm-journal-" + UUID.randomUUID()), producers, flushMs, maxBatch);

        double raw = rate(n, rawInsert(jdbc, transactions, usage, events(n, "raw-" + UUID.randomUUID()), maxBatch));
        OUT.printf(
                "raw-insert          %,10.0f settlements/s  (plain JDBC, same rows, batches of %d)%n", raw, maxBatch);
        if (withCopy) {
            double copy = rate(n, copy(jdbc, transactions, events(n, "copy-" + UUID.randomUUID()), maxBatch));
            OUT.printf(
                    "copy                %,10.0f settlements/s  (%.2f × raw: COPY FROM STDIN of the same rows)%n",
                    copy, copy / raw);
        }
        double adapterRate = rate(n, direct(adapter, events(n, "direct-" + UUID.randomUUID()), maxBatch));
        OUT.printf("adapter-direct      %,10.0f settlements/s  (%.2f × raw)%n", adapterRate, adapterRate / raw);
        MeasuredStore measured = new MeasuredStore(adapter);
        double journal =
                rate(n, saturated(measured, events(n, "journal-" + UUID.randomUUID()), producers, flushMs, maxBatch));
        OUT.printf(
                "journal-saturated   %,10.0f settlements/s  (%.2f × raw, %.2f × adapter-direct)%n",
                journal, journal / raw, journal / adapterRate);
        OUT.printf("                    %s%n", measured.summary());
        measured.reset();
        paced(measured, rate, pacedSeconds, producers, flushMs, maxBatch);
        OUT.printf("                    %s%n", measured.summary());
    }

    /** The same rows with COPY FROM STDIN (text format), a transaction per batch: what a bulk path could reach. */
    private static long copy(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            List<RequestSettledEvent> events,
            int maxBatch) {
        Serializer serializer = TollgateSerializers.jackson();
        String metaData =
                hex(serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());
        TransactionTemplate tx = new TransactionTemplate(transactions);
        long t0 = System.nanoTime();
        for (int from = 0; from < events.size(); from += maxBatch) {
            List<RequestSettledEvent> batch = events.subList(from, Math.min(events.size(), from + maxBatch));
            tx.executeWithoutResult(status -> jdbc.execute((java.sql.Connection c) -> {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                StringBuilder rows = new StringBuilder(batch.size() * 600);
                StringBuilder usageRows = new StringBuilder(batch.size() * 200);
                for (RequestSettledEvent e : batch) {
                    rows.append(UUID.randomUUID())
                            .append('\t')
                            .append(e.requestId())
                            .append("\t0\tRequest\t")
                            .append(e.at())
                            .append('\t')
                            .append(RequestSettledEvent.class.getName())
                            .append("\t2\t")
                            .append(hex(serializer.serialize(e, byte[].class).getData()))
                            .append('\t')
                            .append(metaData)
                            .append('\n');
                    usageRows
                            .append(e.requestId())
                            .append('\t')
                            .append(e.at())
                            .append('\t')
                            .append(e.ownerId())
                            .append('\t')
                            .append(e.tokenId())
                            .append('\t')
                            .append(e.channelId())
                            .append('\t')
                            .append(e.model())
                            .append('\t')
                            .append(e.upstreamModel())
                            .append('\t')
                            .append(e.promptTokens())
                            .append('\t')
                            .append(e.completionTokens())
                            .append('\t')
                            .append(e.cost())
                            .append('\t')
                            .append(e.latencyMillis())
                            .append('\t')
                            .append(e.upstreamStatus())
                            .append('\t')
                            .append(e.outcome())
                            .append('\t')
                            .append(e.stream())
                            .append('\t')
                            .append(e.cachedPromptTokens())
                            .append('\t')
                            .append(e.reasoningTokens())
                            .append('\t')
                            .append(e.images())
                            .append('\t')
                            .append(e.audioSeconds())
                            .append('\t')
                            .append(e.attempts())
                            .append('\t')
                            .append(e.payingOrganization())
                            .append('\n');
                }
                try {
                    copy.copyIn(
                            "copy request_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                                    + "type, time_stamp, payload_type, payload_revision, payload, meta_data) from stdin",
                            new java.io.StringReader(rows.toString()));
                    copy.copyIn(
                            "copy usage_record (request_id, at, owner_id, token_id, channel_id, model, "
                                    + "upstream_model, prompt_tokens, completion_tokens, cost, latency_ms, upstream_status, "
                                    + "outcome, stream, cached_prompt_tokens, reasoning_tokens, images, audio_seconds, "
                                    + "attempts, organization_id) from stdin",
                            new java.io.StringReader(usageRows.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            }));
        }
        return System.nanoTime() - t0;
    }

    /** bytea in COPY's text format: {@code \\x} and the hex digits. */
    private static String hex(byte[] bytes) {
        return "\\\\x" + java.util.HexFormat.of().formatHex(bytes);
    }

    private static double rate(int n, long nanos) {
        return n / (nanos / 1e9);
    }

    /** Plain JDBC: the event rows Axon would write (same serializer) and the usage rows, a transaction per batch. */
    private static long rawInsert(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            UsageRecordWriter usage,
            List<RequestSettledEvent> events,
            int maxBatch) {
        Serializer serializer = TollgateSerializers.jackson();
        byte[] metaData =
                serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        long t0 = System.nanoTime();
        for (int from = 0; from < events.size(); from += maxBatch) {
            List<RequestSettledEvent> batch = events.subList(from, Math.min(events.size(), from + maxBatch));
            tx.executeWithoutResult(status -> {
                jdbc.batchUpdate("""
                        insert into request_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        values (?, ?, 0, 'Request', ?, ?, '2', ?, ?)""", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        RequestSettledEvent e = batch.get(i);
                        ps.setString(1, UUID.randomUUID().toString());
                        ps.setString(2, e.requestId());
                        ps.setString(3, e.at().toString());
                        ps.setString(4, RequestSettledEvent.class.getName());
                        ps.setBytes(5, serializer.serialize(e, byte[].class).getData());
                        ps.setBytes(6, metaData);
                    }

                    @Override
                    public int getBatchSize() {
                        return batch.size();
                    }
                });
                usage.insert(batch);
            });
        }
        return System.nanoTime() - t0;
    }

    /** The persistence adapter on this thread, in batches of {@code maxBatch}. */
    private static long direct(SettlementJournalPort adapter, List<RequestSettledEvent> events, int maxBatch) {
        long t0 = System.nanoTime();
        for (int from = 0; from < events.size(); from += maxBatch) {
            adapter.append(events.subList(from, Math.min(events.size(), from + maxBatch)));
        }
        return System.nanoTime() - t0;
    }

    /** Producers hand everything over as fast as they can; the time until the journal stored the last one. */
    private static long saturated(
            SettlementJournalPort store, List<RequestSettledEvent> events, int producers, long flushMs, int maxBatch)
            throws InterruptedException {
        BillingJournal journal = new BillingJournal(store, Duration.ofMillis(flushMs), maxBatch);
        journal.start();
        try {
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int first = p;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = first; i < events.size(); i += producers) {
                        journal.record(events.get(i));
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            if (!journal.awaitFlushed(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the journal did not store everything within 5 minutes");
            }
            long elapsed = System.nanoTime() - t0;
            if (journal.storedCount() != events.size()) {
                throw new IllegalStateException("stored " + journal.storedCount() + " of " + events.size());
            }
            return elapsed;
        } finally {
            journal.close();
        }
    }

    /** Producers at a fixed total rate; how far the journal fell behind, and how long the last one waited. */
    private static void paced(
            SettlementJournalPort store, int rate, int seconds, int producers, long flushMs, int maxBatch)
            throws InterruptedException {
        int n = rate * seconds;
        List<RequestSettledEvent> events = events(n, "paced-" + UUID.randomUUID());
        BillingJournal journal = new BillingJournal(store, Duration.ofMillis(flushMs), maxBatch);
        journal.start();
        AtomicInteger maxPending = new AtomicInteger();
        try {
            long t0 = System.nanoTime();
            long perProducerIntervalNanos = TimeUnit.SECONDS.toNanos(1) * producers / rate;
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int first = p;
                threads.add(Thread.ofPlatform().start(() -> {
                    long next = t0 + first * (perProducerIntervalNanos / producers);
                    for (int i = first; i < n; i += producers) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        journal.record(events.get(i));
                        next += perProducerIntervalNanos;
                        if (i % 1000 < producers) {
                            maxPending.accumulateAndGet(journal.pending(), Math::max);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            long handedOver = System.nanoTime();
            if (!journal.awaitFlushed(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the journal did not store everything within 5 minutes");
            }
            long done = System.nanoTime();
            OUT.printf(
                    "journal-paced       %,10.0f settlements/s offered for %d s (achieved %,.0f/s handed over); "
                            + "waiting at most %,d (sampled every 1,000); the last stored %.1f ms after it was handed over%n",
                    (double) rate, seconds, n / ((handedOver - t0) / 1e9), maxPending.get(), (done - handedOver) / 1e6);
        } finally {
            journal.close();
        }
    }
}
