package dev.tollgate.adapter.out.persistence.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.PostgresTestSupport;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SettingsPersistenceAdapterTest {
    private final JdbcTemplate jdbc = PostgresTestSupport.jdbc();

    /** A repository-free reader stands in for Spring Data here: reads go through the same table. */
    private final SettingsPersistenceAdapter settings = new SettingsPersistenceAdapter(null, jdbc) {
        @Override
        public Optional<String> find(String name) {
            return jdbc.queryForList("select value from setting where name = ?", String.class, name).stream()
                    .findFirst();
        }
    };

    @Test
    void givenTwentyThreadsCreatingTheSameSetting_whenTheyRace_thenAllGetTheOneValueThatWasStored()
            throws Exception {
        // given
        String name = "race-" + UUID.randomUUID();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);

        // when
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                pool.submit(() -> {
                    start.await();
                    seen.add(settings.findOrCreate(name, () -> "value-" + n));
                    return null;
                });
            }
            start.countDown();
        }

        // then
        assertThat(seen).hasSize(1);
        assertThat(settings.find(name)).contains(seen.iterator().next());
    }
}
