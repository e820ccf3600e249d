package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.billing.command.SetIncentivesCommand;
import dev.tollgate.domain.billing.event.IncentivesSetEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The installation's incentives: every setting is recorded with its actor. */
class IncentivePolicyTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ID = IncentivePolicy.ID;
    private AggregateTestFixture<IncentivePolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IncentivePolicy.class);
    }

    @Test
    void givenNoIncentives_whenSet_thenIncentivesSetWithTheInviteRewards() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new SetIncentivesCommand(
                        ID, 50_000, 1_000, 20_000, 30_000, SetIncentivesCommand.ON_FIRST_TOP_UP, 10, "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectEvents(
                        new IncentivesSetEvent(ID, 50_000, 1_000, "user:root", AT, 20_000, 30_000, "first_top_up", 10));
    }

    @Test
    void givenIncentives_whenSetAgain_thenEachSettingIsRecorded() {
        // given
        fixture.given(new IncentivesSetEvent(ID, 50_000, 1_000, "user:root", AT))
                // when
                .when(new SetIncentivesCommand(ID, 0, 0, "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new IncentivesSetEvent(ID, 0, 0, "user:root", AT, 0, 0, "sign_up", 0));
    }

    @Test
    void givenABonusOrCapOutOfRange_whenBuildingTheCommand_thenInvalidValue() {
        // when / then
        assertThatThrownBy(() -> new SetIncentivesCommand(ID, SetIncentivesCommand.MAX_BONUS + 1, 0, "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("signupBonus");
        assertThatThrownBy(() -> new SetIncentivesCommand(ID, 0, -1, "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("checkInBonus");
        assertThatThrownBy(() -> new SetIncentivesCommand(ID, 0, 0, 0, 0, "later", 0, "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("inviterRewardOn");
        assertThatThrownBy(() -> new SetIncentivesCommand(ID, 0, 0, 0, 0, "sign_up", -1, "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("inviterRewardCap");
    }
}
