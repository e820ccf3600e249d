package dev.tollgate.domain.token;

import dev.tollgate.domain.token.command.SetUserRateLimitsCommand;
import dev.tollgate.domain.token.event.UserRateLimitsSetEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserRateLimitPolicyTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private AggregateTestFixture<UserRateLimitPolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserRateLimitPolicy.class);
    }

    @Test
    void givenNoLimits_whenAnAdminSetsThem_thenUserRateLimitsSetWithTheActor() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new SetUserRateLimitsCommand(
                        UserRateLimitPolicy.ID, new RateLimit(60L, 100_000L), "user:root", AT))
                // then
                .expectEvents(new UserRateLimitsSetEvent(UserRateLimitPolicy.ID, 60L, 100_000L, "user:root", AT));
    }

    @Test
    void givenLimits_whenSetToTheSameValues_thenNoEvent() {
        // given
        fixture.given(new UserRateLimitsSetEvent(UserRateLimitPolicy.ID, 60L, null, "user:root", AT))
                // when
                .when(new SetUserRateLimitsCommand(UserRateLimitPolicy.ID, new RateLimit(60L, null), "user:root", AT))
                // then
                .expectNoEvents();
    }
}
