package dev.tollgate.adapter.out.persistence.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.application.account.port.out.SettingsPort;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class SettingsPersistenceAdapterTest extends SpringBootPersistenceTest {
    private final SettingsPort settings;
    private final JdbcTemplate jdbc;

    @Autowired
    SettingsPersistenceAdapterTest(SettingsPort settings, JdbcTemplate jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
    }

    @Test
    void givenTwentyThreadsCreatingTheSameSetting_whenTheyRace_thenAllGetTheOneValueThatWasStored() throws Exception {
        // given
        String name = "race-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();

        // when
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                String candidate = "value-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return settings.findOrCreate(name, () -> candidate);
                }));
            }
            start.countDown();
        }

        // then
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (Future<String> result : results) {
            seen.add(result.get());
        }
        assertThat(seen).hasSize(1);
        assertThat(settings.find(name)).contains(seen.iterator().next());
        assertThat(jdbc.queryForObject("select count(*) from setting where name = ?", Long.class, name))
                .isEqualTo(1);
    }

    @Test
    void givenAStoredSetting_whenFoundOrCreatedAgain_thenTheStoredValueWinsAndNoNewValueIsMade() {
        // given
        String name = "signing-key-" + UUID.randomUUID();
        settings.findOrCreate(name, () -> "first");
        AtomicInteger made = new AtomicInteger();

        // when
        String value = settings.findOrCreate(name, () -> "second-" + made.incrementAndGet());

        // then
        assertThat(value).isEqualTo("first");
        assertThat(made).hasValue(0);
    }

    @Test
    void givenAStoredSetting_whenReadBack_thenItCarriesItsValueAndAUtcCreationTime() {
        // given
        String name = "stored-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        settings.findOrCreate(name, () -> "stored");

        // when
        String value = jdbc.queryForObject("select value from setting where name = ?", String.class, name);
        Instant createdAt = jdbc.queryForObject(
                        "select created_at from setting where name = ?", OffsetDateTime.class, name)
                .toInstant();

        // then
        assertThat(value).isEqualTo("stored");
        assertThat(createdAt).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void givenNoSuchSetting_whenFound_thenItIsEmpty() {
        // given
        String name = "absent-" + UUID.randomUUID();

        // when
        Optional<String> found = settings.find(name);

        // then
        assertThat(found).isEmpty();
    }
}
