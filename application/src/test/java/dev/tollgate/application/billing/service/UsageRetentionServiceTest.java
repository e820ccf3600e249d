package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.common.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageRetentionServiceTest {

    @Test
    void givenARetentionShorterThanADayOrAbsurdlyLong_whenConfigured_thenRefusedWithAClearMessage() {
        // when / then
        assertThatThrownBy(() -> new UsageRetentionService(null, Instant::now, Duration.ofHours(12), 1000))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "tollgate.usage.retention must be between P1D and P36500D (ISO-8601, e.g. P90D), not PT12H");
        assertThatThrownBy(() -> new UsageRetentionService(null, Instant::now, Duration.ofDays(-3), 1000))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new UsageRetentionService(null, Instant::now, Duration.ofDays(40_000), 1000))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new UsageRetentionService(null, Instant::now, null, 1000))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new UsageRetentionService(null, Instant::now, Duration.ofDays(90), 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("tollgate.usage.prune-batch-size must be 1 to 100000, not 0");
    }

    @Test
    void givenARetentionOfWholeDays_whenConfigured_thenAccepted() {
        assertThatCode(() -> new UsageRetentionService(null, Instant::now, Duration.ofDays(90), 1000))
                .doesNotThrowAnyException();
        assertThatCode(() -> new UsageRetentionService(null, Instant::now, Duration.ofDays(1), 1))
                .doesNotThrowAnyException();
    }
}
