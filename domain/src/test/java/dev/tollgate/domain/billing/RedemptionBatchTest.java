package dev.tollgate.domain.billing;

import static dev.tollgate.domain.common.DomainExceptionMatcher.refusedWith;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.billing.command.CreateRedemptionBatchCommand;
import dev.tollgate.domain.billing.command.DeleteRedemptionBatchCommand;
import dev.tollgate.domain.billing.command.DisableRedemptionBatchCommand;
import dev.tollgate.domain.billing.event.RedemptionBatchCreatedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDeletedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDisabledEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A batch of redemption codes: created with hashes only, disabled once, deleted once. */
class RedemptionBatchTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-02-01T00:00:00Z");
    private static final List<String> HASHES = List.of("aa".repeat(32), "bb".repeat(32));
    private AggregateTestFixture<RedemptionBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RedemptionBatch.class);
    }

    private static RedemptionBatchCreatedEvent created() {
        return new RedemptionBatchCreatedEvent("b1", "launch", 100_000, EXPIRES, HASHES, "user:root", AT);
    }

    @Test
    void givenNothing_whenCreatingABatch_thenCreatedWithTheCodesHashesOnly() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new CreateRedemptionBatchCommand("b1", "launch", 100_000, EXPIRES, HASHES, "user:root", AT))
                // then
                .expectEvents(created());
    }

    @Test
    void givenABatch_whenDisabled_thenDisabledAndTheNewVersionIsReturned() {
        // given
        fixture.given(created())
                // when
                .when(new DisableRedemptionBatchCommand("b1", "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new RedemptionBatchDisabledEvent("b1", "user:root", AT));
    }

    @Test
    void givenADisabledBatch_whenDisabledAgain_thenNoEvent() {
        // given
        fixture.given(created(), new RedemptionBatchDisabledEvent("b1", "user:root", AT))
                // when
                .when(new DisableRedemptionBatchCommand("b1", "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectNoEvents();
    }

    @Test
    void givenABatch_whenDeleted_thenDeleted() {
        // given
        fixture.given(created(), new RedemptionBatchDisabledEvent("b1", "user:root", AT))
                // when
                .when(new DeleteRedemptionBatchCommand("b1", "user:root", AT))
                // then
                .expectEvents(new RedemptionBatchDeletedEvent("b1", "user:root", AT));
    }

    @Test
    void givenADeletedBatch_whenDeletedAgain_thenBatchNotFound() {
        // given
        fixture.given(created(), new RedemptionBatchDeletedEvent("b1", "user:root", AT))
                // when
                .when(new DeleteRedemptionBatchCommand("b1", "user:root", AT))
                // then
                .expectException(refusedWith(BillingErrorCode.BATCH_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenADeletedBatch_whenDisabled_thenBatchNotFound() {
        // given
        fixture.given(created(), new RedemptionBatchDeletedEvent("b1", "user:root", AT))
                // when
                .when(new DisableRedemptionBatchCommand("b1", "user:root", AT))
                // then
                .expectException(refusedWith(BillingErrorCode.BATCH_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void givenBadBatchValues_whenBuildingTheCommand_thenInvalidValue() {
        // when / then
        assertThatThrownBy(() -> new CreateRedemptionBatchCommand("b1", "launch", 0, null, HASHES, "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new CreateRedemptionBatchCommand("b1", "launch", 1, null, List.of(), "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("1 to 1000 codes");
        assertThatThrownBy(() -> new CreateRedemptionBatchCommand("b1", "launch", 1, AT, HASHES, "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("future");
    }
}
