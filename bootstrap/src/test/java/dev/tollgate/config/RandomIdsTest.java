package dev.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void givenManyThreads_whenIdsAreDrawnAcrossRefills_thenEveryIdIsUniqueAnd32HexDigits() throws Exception {
        RandomIds ids = new RandomIds();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger drawn = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 16; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        seen.add(ids.newId());
                        drawn.incrementAndGet();
                    }
                });
            }
        }
        assertThat(drawn).hasValue(80_000);
        assertThat(seen).hasSize(80_000).allMatch(id -> id.matches("[0-9a-f]{32}"));
    }

    @Test
    void givenTheSameSeed_whenIdsAreDrawn_thenTheyAreTheGeneratorsBytesInOrder() throws Exception {
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(42L);
        SecureRandom same = SecureRandom.getInstance("SHA1PRNG");
        same.setSeed(42L);
        byte[] expected = new byte[16 * 256];
        same.nextBytes(expected);

        RandomIds ids = new RandomIds(seeded);

        assertThat(ids.newId()).isEqualTo(HexFormat.of().formatHex(expected, 0, 16));
        assertThat(ids.newId()).isEqualTo(HexFormat.of().formatHex(expected, 16, 32));
    }
}
