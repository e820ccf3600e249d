package dev.tollgate.domain.billing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.billing.command.SetGroupMultiplierCommand;
import dev.tollgate.domain.billing.event.GroupMultiplierSetEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The installation's group multipliers: one event per change of one group's multiplier. */
class GroupMultipliersTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ID = GroupMultipliers.ID;
    private AggregateTestFixture<GroupMultipliers> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GroupMultipliers.class);
    }

    @Test
    void givenNoMultipliers_whenOneIsSet_thenGroupMultiplierSet() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new SetGroupMultiplierCommand(ID, "vip", 1_500, "user:root", AT))
                // then
                .expectEvents(new GroupMultiplierSetEvent(ID, "vip", 1_500, "user:root", AT));
    }

    @Test
    void givenAMultiplier_whenSetToTheSameValue_thenNoEvent() {
        // given
        fixture.given(new GroupMultiplierSetEvent(ID, "vip", 1_500, "user:root", AT))
                // when
                .when(new SetGroupMultiplierCommand(ID, "vip", 1_500, "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectNoEvents();
    }

    @Test
    void givenAMultiplierOfOneGroup_whenAnotherGroupGetsTheSameValue_thenItIsRecorded() {
        // given
        fixture.given(new GroupMultiplierSetEvent(ID, "vip", 1_500, "user:root", AT))
                // when
                .when(new SetGroupMultiplierCommand(ID, "svip", 1_500, "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new GroupMultiplierSetEvent(ID, "svip", 1_500, "user:root", AT));
    }

    @Test
    void givenAMultiplierOutOfRange_whenBuildingTheCommand_thenInvalidValue() {
        // when / then
        assertThatThrownBy(() -> new SetGroupMultiplierCommand(ID, "vip", -1, "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> new SetGroupMultiplierCommand(ID, "vip", 100_001, "user:root", AT))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("between 0 and 100");
    }
}
