package dev.tollgate.adapter.out.persistence.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.application.account.port.out.SettingsPort;
import java.time.Instant;
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

class SettingsPersistenceAdapterTest extends SpringBootPersistenceTest {
    private final SettingsPort settings;
    private final SettingRepository repository;

    @Autowired
    SettingsPersistenceAdapterTest(SettingsPort settings, SettingRepository repository) {
        this.settings = settings;
        this.repository = repository;
    }

    @Test
    void givenTwentyThreadsCreatingTheSameSetting_whenTheyRace_thenAllGetTheOneValueThatWasStored()
            throws Exception {
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
        assertThat(repository.findAll()).filteredOn(s -> s.name().equals(name)).hasSize(1);
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
    void givenAStoredSetting_whenReadThroughJpa_thenItCarriesItsValueAndAUtcCreationTime() {
        // given
        String name = "jpa-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        settings.findOrCreate(name, () -> "stored");

        // when
        SettingEntity entity = repository.findById(name).orElseThrow();

        // then
        assertThat(entity.value()).isEqualTo("stored");
        assertThat(entity.createdAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
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
