package dev.tollgate.domain.account;

import static dev.tollgate.domain.common.DomainExceptionMatcher.refusedWith;

import dev.tollgate.domain.account.command.CreatePersonalAccessTokenCommand;
import dev.tollgate.domain.account.command.RevokePersonalAccessTokenCommand;
import dev.tollgate.domain.account.event.PersonalAccessTokenCreatedEvent;
import dev.tollgate.domain.account.event.PersonalAccessTokenRevokedEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A personal access token: created with its secret's hash only, revoked once. */
class PersonalAccessTokenTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-04-01T00:00:00Z");
    private static final AccessTokenId ID = new AccessTokenId("pat1");
    private static final String HASH = "ab".repeat(32);
    private AggregateTestFixture<PersonalAccessToken> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PersonalAccessToken.class);
    }

    private static PersonalAccessTokenCreatedEvent created(AccessTokenScope scope) {
        return new PersonalAccessTokenCreatedEvent(
                "pat1", "u1", "ci", HASH, "tgp_Ab12...wxyz", scope.code(), EXPIRES, "user:u1", AT);
    }

    @Test
    void givenNothing_whenCreatingAnAccessToken_thenCreatedWithTheHashNeverTheSecret() {
        // given
        AccessTokenScope scope = AccessTokenScope.READ;
        fixture.givenNoPriorActivity()
                // when
                .when(new CreatePersonalAccessTokenCommand(
                        ID, "u1", "ci", HASH, "tgp_Ab12...wxyz", scope, EXPIRES, "user:u1", AT))
                // then
                .expectEvents(created(scope));
    }

    @Test
    void givenAnAccessToken_whenRevoked_thenRevoked() {
        // given
        fixture.given(created(AccessTokenScope.READ))
                // when
                .when(new RevokePersonalAccessTokenCommand(ID, "user:u1", AT))
                // then
                .expectEvents(new PersonalAccessTokenRevokedEvent("pat1", "user:u1", AT));
    }

    @Test
    void givenARevokedAccessToken_whenRevokedAgain_thenRefusedAsRevoked() {
        // given
        fixture.given(created(AccessTokenScope.READ), new PersonalAccessTokenRevokedEvent("pat1", "user:u1", AT))
                // when
                .when(new RevokePersonalAccessTokenCommand(ID, "user:root", AT))
                // then
                .expectException(refusedWith(AccessTokenErrorCode.ACCESS_TOKEN_REVOKED))
                .expectNoEvents();
    }
}
