package dev.tollgate.application.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one sliding-window limit (registrations per address, invitation mails per organisation). */
class SlidingWindowLimitTest {
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    private final SlidingWindowLimit limit =
            new SlidingWindowLimit(2, Duration.ofMinutes(10), "too_many_things", "at most 2 things in 10 minutes");

    @Test
    void givenAFullWindow_whenOneMoreComes_thenRefusedWithTheSecondsUntilTheOldestLeaves() {
        // given
        limit.take("203.0.113.1", T0);
        limit.take("203.0.113.1", T0.plusSeconds(60));

        // when / then
        assertThatThrownBy(() -> limit.take("203.0.113.1", T0.plusSeconds(120)))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo("too_many_things");
                    assertThat(e.retryAfterSeconds()).isEqualTo(481);
                    assertThat(e.getMessage()).isEqualTo("at most 2 things in 10 minutes");
                });
    }

    @Test
    void givenARefusal_whenTheOldestEventLeavesTheWindow_thenOneMoreIsTakenAndTheRefusalCountedNothing() {
        // given
        limit.take("k", T0);
        limit.take("k", T0.plusSeconds(1));
        assertThatThrownBy(() -> limit.take("k", T0.plusSeconds(2))).isInstanceOf(RateLimitedException.class);

        // when
        limit.take("k", T0.plus(Duration.ofMinutes(10)));

        // then
        assertThatThrownBy(() -> limit.take("k", T0.plus(Duration.ofMinutes(10)).plusMillis(500)))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void givenOneKeyAtItsLimit_whenAnotherKeyComes_thenItIsTaken() {
        // given
        limit.take("a", T0);
        limit.take("a", T0);

        // when / then
        limit.take("b", T0);
        assertThatThrownBy(() -> limit.take("a", T0)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void givenNoRoomAtAll_whenMadeWithAZeroLimitOrWindow_thenRefusedAtOnce() {
        assertThatThrownBy(() -> new SlidingWindowLimit(0, Duration.ofMinutes(1), "c", "m"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlidingWindowLimit(1, Duration.ZERO, "c", "m"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
