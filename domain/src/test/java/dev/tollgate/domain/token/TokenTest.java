package dev.tollgate.domain.token;

import static dev.tollgate.domain.common.DomainExceptionMatcher.refusedWith;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.common.Subnet;
import dev.tollgate.domain.token.command.DeleteTokenCommand;
import dev.tollgate.domain.token.command.IssueTokenCommand;
import dev.tollgate.domain.token.command.RotateTokenCommand;
import dev.tollgate.domain.token.command.UpdateTokenCommand;
import dev.tollgate.domain.token.event.TokenDeletedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenRotatedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HASH = "ab".repeat(32);
    private AggregateTestFixture<Token> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Token.class);
    }

    private static TokenIssuedEvent issued() {
        return new TokenIssuedEvent(
                "t1", "u1", "app", HASH, "sk-Ab12...wxyz", 500_000, false, null, List.of(), "user:u1", AT);
    }

    @Test
    void givenNothing_whenIssuingAToken_thenTokenIssuedHoldsTheHashNeverTheSecret() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new IssueTokenCommand(
                        new TokenId("t1"),
                        "u1",
                        "app",
                        HASH,
                        "sk-Ab12...wxyz",
                        new TokenLimits(500_000, false, null, List.of()),
                        "user:u1",
                        AT))
                // then
                .expectEvents(issued());
    }

    @Test
    void givenAToken_whenDisabling_thenTokenUpdatedWithTheNewStatus() {
        // given
        fixture.given(issued())
                // when
                .when(new UpdateTokenCommand(
                        new TokenId("t1"),
                        "app",
                        TokenStatus.DISABLED,
                        new TokenLimits(500_000, false, null, List.of()),
                        "user:u1",
                        AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new TokenUpdatedEvent(
                        "t1",
                        "app",
                        "disabled",
                        500_000,
                        false,
                        null,
                        List.of(),
                        "user:u1",
                        AT,
                        null,
                        List.of(),
                        null,
                        null));
    }

    @Test
    void givenADeletedToken_whenDeletingAgain_thenRefused() {
        // given
        fixture.given(issued(), new TokenDeletedEvent("t1", "user:u1", AT))
                // when
                .when(new DeleteTokenCommand(new TokenId("t1"), "user:u1", AT))
                // then
                .expectException(refusedWith(TokenErrorCode.TOKEN_DELETED))
                .expectNoEvents();
    }

    @Test
    void givenAKeyHashThatIsNotSha256_whenIssuing_thenInvalidValue() {
        // when / then
        assertThatThrownBy(() -> new IssueTokenCommand(
                        new TokenId("t1"),
                        "u1",
                        "app",
                        "sk-clear-secret",
                        "sk-...",
                        new TokenLimits(1, false, null, List.of()),
                        "user:u1",
                        AT))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new TokenLimits(-1, false, null, List.of())).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenSubnetsAndLimits_whenIssuing_thenTheEventHoldsThemInCanonicalForm() {
        // given
        TokenLimits limits = new TokenLimits(
                1,
                false,
                null,
                List.of(),
                null,
                List.of(Subnet.parse("subnets", "10.0.0.0/8"), Subnet.parse("subnets", "2001:db8::/32")),
                new RateLimit(60L, null));
        fixture.givenNoPriorActivity()
                // when
                .when(new IssueTokenCommand(
                        new TokenId("t1"), "u1", "app", HASH, "sk-Ab12...wxyz", limits, "user:u1", AT))
                // then
                .expectEvents(new TokenIssuedEvent(
                        "t1",
                        "u1",
                        "app",
                        HASH,
                        "sk-Ab12...wxyz",
                        1,
                        false,
                        null,
                        List.of(),
                        "user:u1",
                        AT,
                        null,
                        List.of("10.0.0.0/8", "2001:db8::/32"),
                        60L,
                        null,
                        null));
    }

    @Test
    void givenAToken_whenRotating_thenTokenRotatedHoldsTheNewHashOnly() {
        // given
        String newHash = "cd".repeat(32);
        fixture.given(issued())
                // when
                .when(new RotateTokenCommand(new TokenId("t1"), newHash, "sk-Cd34...wxyz", "user:u1", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new TokenRotatedEvent("t1", newHash, "sk-Cd34...wxyz", "user:u1", AT));
    }

    @Test
    void givenADeletedToken_whenRotating_thenRefused() {
        // given
        fixture.given(issued(), new TokenDeletedEvent("t1", "user:u1", AT))
                // when
                .when(new RotateTokenCommand(new TokenId("t1"), "cd".repeat(32), "sk-...", "user:u1", AT))
                // then
                .expectException(refusedWith(TokenErrorCode.TOKEN_DELETED))
                .expectNoEvents();
    }

    @Test
    void givenLimitsOutOfRange_thenInvalidValue() {
        assertThatThrownBy(() -> new RateLimit(0L, null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("rpm");
        assertThatThrownBy(() -> new RateLimit(null, -5L))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("tpm");
        assertThatThrownBy(() -> new RateLimit(null, 10_000_000_001L))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("10000000000");
    }

    @Test
    void givenAToken_whenDeleted_thenTokenDeleted() {
        // given
        fixture.given(issued())
                // when
                .when(new DeleteTokenCommand(new TokenId("t1"), "user:u1", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new TokenDeletedEvent("t1", "user:u1", AT));
    }

    @Test
    void givenADeletedToken_whenUpdating_thenRefusedAsDeleted() {
        // given
        fixture.given(issued(), new TokenDeletedEvent("t1", "user:u1", AT))
                // when
                .when(new UpdateTokenCommand(
                        new TokenId("t1"),
                        "app",
                        TokenStatus.ENABLED,
                        new TokenLimits(500_000, false, null, List.of()),
                        "user:u1",
                        AT))
                // then
                .expectException(refusedWith(TokenErrorCode.TOKEN_DELETED))
                .expectNoEvents();
    }
}
