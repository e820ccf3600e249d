package dev.tollgate.adapter.out.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresSupport.class)
class KeyUsagePersistenceAdapterTest {
    private final KeyUsagePersistenceAdapter usage = new KeyUsagePersistenceAdapter(EmbeddedPostgresSupport.jdbc());

    @Test
    void givenTwoNodesFlushingOneKey_thenTheLaterTimeIsKeptWhateverTheOrder() {
        // given
        String a = "t-" + UUID.randomUUID();
        String b = "t-" + UUID.randomUUID();
        Instant early = Instant.parse("2026-12-01T10:00:00Z");
        Instant late = Instant.parse("2026-12-01T10:00:05Z");

        // when
        usage.recordLastUsed(Map.of(a, late, b, early));
        usage.recordLastUsed(Map.of(a, early, b, late));

        // then
        assertThat(usage.lastUsed(List.of(a, b, "never-used")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(a, late, b, late));
        assertThat(usage.lastUsed(List.of())).isEmpty();
    }
}
