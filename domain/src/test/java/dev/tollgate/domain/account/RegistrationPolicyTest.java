package dev.tollgate.domain.account;

import dev.tollgate.domain.account.command.SetRegistrationModeCommand;
import dev.tollgate.domain.account.event.RegistrationModeSetEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may register: recorded when an admin changes it, closed until then. */
class RegistrationPolicyTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ID = RegistrationPolicy.ID;
    private AggregateTestFixture<RegistrationPolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RegistrationPolicy.class);
    }

    @Test
    void givenNoPolicy_whenRegistrationIsOpened_thenModeSet() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new SetRegistrationModeCommand(ID, RegistrationMode.OPEN, "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectEvents(new RegistrationModeSetEvent(ID, "open", "user:root", AT));
    }

    @Test
    void givenAnOpenRegistration_whenMadeInviteOnly_thenModeSetAndTheNewVersionIsReturned() {
        // given
        fixture.given(new RegistrationModeSetEvent(ID, "open", "user:root", AT))
                // when
                .when(new SetRegistrationModeCommand(ID, RegistrationMode.INVITE_ONLY, "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new RegistrationModeSetEvent(ID, "invite-only", "user:root", AT));
    }

    @Test
    void givenAClosedRegistration_whenClosedAgain_thenNoEvent() {
        // given
        fixture.given(new RegistrationModeSetEvent(ID, "closed", "user:root", AT))
                // when
                .when(new SetRegistrationModeCommand(ID, RegistrationMode.CLOSED, "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectNoEvents();
    }
}
