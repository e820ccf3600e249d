package dev.tollgate.domain.account;

import dev.tollgate.domain.account.command.ChangeUserRoleCommand;
import dev.tollgate.domain.account.command.ChangeUserStatusCommand;
import dev.tollgate.domain.account.command.DeleteUserCommand;
import dev.tollgate.domain.account.event.UserDeletedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.account.event.UserRoleChangedEvent;
import dev.tollgate.domain.account.event.UserStatusChangedEvent;
import dev.tollgate.domain.common.DomainException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user lifecycle and the root user's protections. */
class UserTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    private static UserRegisteredEvent registered(String id, Role role) {
        return new UserRegisteredEvent(id, id + "-name", "$argon2id$hash", role.name(), "system", AT);
    }

    @Test
    void givenAUser_whenPromotedDisabledAndDeleted_thenEachIsAnEventWithItsActor() {
        fixture.given(registered("u1", Role.USER))
                .when(new ChangeUserRoleCommand(new UserId("u1"), Role.ADMIN, "user:root", AT))
                .expectEvents(new UserRoleChangedEvent("u1", "ADMIN", "user:root", AT));
        fixture.given(registered("u1", Role.USER))
                .when(new ChangeUserStatusCommand(new UserId("u1"), UserStatus.DISABLED, "user:root", AT))
                .expectEvents(new UserStatusChangedEvent("u1", "disabled", "user:root", AT));
        fixture.given(registered("u1", Role.USER))
                .when(new DeleteUserCommand(new UserId("u1"), "user:root", AT))
                .expectEvents(new UserDeletedEvent("u1", "user:root", AT));
    }

    @Test
    void givenTheRootUser_whenDemotedDisabledOrDeleted_thenRefusedAndNothingIsRecorded() {
        fixture.given(registered("root", Role.ROOT))
                .when(new ChangeUserRoleCommand(UserId.ROOT, Role.USER, "user:admin", AT))
                .expectException(DomainException.class).expectNoEvents();
        fixture.given(registered("root", Role.ROOT))
                .when(new ChangeUserStatusCommand(UserId.ROOT, UserStatus.DISABLED, "user:admin", AT))
                .expectException(DomainException.class).expectNoEvents();
        fixture.given(registered("root", Role.ROOT))
                .when(new DeleteUserCommand(UserId.ROOT, "user:admin", AT))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void givenAnotherUser_whenMadeRoot_thenRefused() {
        fixture.given(registered("u1", Role.ADMIN))
                .when(new ChangeUserRoleCommand(new UserId("u1"), Role.ROOT, "user:root", AT))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void givenADeletedUser_whenChangedAgain_thenNotFound() {
        fixture.given(registered("u1", Role.USER), new UserDeletedEvent("u1", "user:root", AT))
                .when(new ChangeUserStatusCommand(new UserId("u1"), UserStatus.ENABLED, "user:root", AT))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void givenAnInvitation_whenRegistering_thenTheInviterIsInTheEventAndNobodyInvitesThemselves() {
        fixture.givenNoPriorActivity()
                .when(new dev.tollgate.domain.account.command.RegisterUserCommand(new UserId("u2"),
                        new Username("bea"), "$argon2id$hash", Role.USER, "self", AT, new UserId("u1")))
                .expectEvents(new UserRegisteredEvent("u2", "bea", "$argon2id$hash", "USER", "self", AT, "u1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                new dev.tollgate.domain.account.command.RegisterUserCommand(new UserId("u2"), new Username("bea"),
                        "$argon2id$hash", Role.USER, "self", AT, new UserId("u2")))
                .isInstanceOf(dev.tollgate.domain.common.InvalidValueException.class)
                .hasMessage("nobody can invite themselves");
    }
}
