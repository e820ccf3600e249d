package dev.tollgate.domain.account;

import static dev.tollgate.domain.common.DomainExceptionMatcher.refusedWith;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.account.command.ChangeUserPasswordCommand;
import dev.tollgate.domain.account.command.ChangeUserRoleCommand;
import dev.tollgate.domain.account.command.ChangeUserStatusCommand;
import dev.tollgate.domain.account.command.DeleteUserCommand;
import dev.tollgate.domain.account.command.LinkExternalIdentityCommand;
import dev.tollgate.domain.account.command.RegisterUserCommand;
import dev.tollgate.domain.account.command.SetUserEmailCommand;
import dev.tollgate.domain.account.command.UnlinkExternalIdentityCommand;
import dev.tollgate.domain.account.event.UserDeletedEvent;
import dev.tollgate.domain.account.event.UserEmailSetEvent;
import dev.tollgate.domain.account.event.UserPasswordChangedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.account.event.UserRoleChangedEvent;
import dev.tollgate.domain.account.event.UserStatusChangedEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user lifecycle and the root user's protections (identities: {@link ExternalIdentityTest}). */
class UserTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserId U1 = new UserId("u1");
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    private static UserRegisteredEvent registered(String id, Role role) {
        return new UserRegisteredEvent(id, id + "-name", "$argon2id$hash", role.name(), "system", AT);
    }

    private static UserDeletedEvent deleted() {
        return new UserDeletedEvent("u1", "user:root", AT);
    }

    @Test
    void givenNothing_whenRegistering_thenRegisteredWithTheHashOnly() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new RegisterUserCommand(U1, new Username("u1-name"), "$argon2id$hash", Role.USER, "system", AT))
                // then
                .expectEvents(registered("u1", Role.USER));
    }

    @Test
    void givenAnInvitation_whenRegistering_thenTheInviterIsInTheEvent() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new RegisterUserCommand(
                        new UserId("u2"), new Username("bea"), "$argon2id$hash", Role.USER, "self", AT, U1))
                // then
                .expectEvents(new UserRegisteredEvent("u2", "bea", "$argon2id$hash", "USER", "self", AT, "u1"));
    }

    @Test
    void givenAUserInvitingThemselves_whenBuildingTheCommand_thenInvalidValue() {
        // when / then
        assertThatThrownBy(() -> new RegisterUserCommand(
                        new UserId("u2"),
                        new Username("bea"),
                        "$argon2id$hash",
                        Role.USER,
                        "self",
                        AT,
                        new UserId("u2")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("nobody can invite themselves");
    }

    @Test
    void givenAUser_whenPromoted_thenRoleChangedWithItsActor() {
        // given
        fixture.given(registered("u1", Role.USER))
                // when
                .when(new ChangeUserRoleCommand(U1, Role.ADMIN, "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new UserRoleChangedEvent("u1", "ADMIN", "user:root", AT));
    }

    @Test
    void givenAnAdmin_whenGivenTheSameRole_thenNoEvent() {
        // given
        fixture.given(registered("u1", Role.ADMIN))
                // when
                .when(new ChangeUserRoleCommand(U1, Role.ADMIN, "user:root", AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenAUser_whenDisabled_thenStatusChanged() {
        // given
        fixture.given(registered("u1", Role.USER))
                // when
                .when(new ChangeUserStatusCommand(U1, UserStatus.DISABLED, "user:root", AT))
                // then
                .expectEvents(new UserStatusChangedEvent("u1", "disabled", "user:root", AT));
    }

    @Test
    void givenAnEnabledUser_whenEnabledAgain_thenNoEvent() {
        // given
        fixture.given(registered("u1", Role.USER))
                // when
                .when(new ChangeUserStatusCommand(U1, UserStatus.ENABLED, "user:root", AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenAUser_whenTheirPasswordChanges_thenPasswordChangedWithTheNewHash() {
        // given
        fixture.given(registered("u1", Role.USER))
                // when
                .when(new ChangeUserPasswordCommand(U1, "$argon2id$new", "user:u1", AT))
                // then
                .expectEvents(new UserPasswordChangedEvent("u1", "$argon2id$new", "user:u1", AT));
    }

    @Test
    void givenAUser_whenTheirEmailIsSet_thenEmailSetSaysWhetherItIsVerified() {
        // given
        fixture.given(registered("u1", Role.USER))
                // when
                .when(new SetUserEmailCommand(U1, "bea@example.com", true, "user:u1", AT))
                // then
                .expectEvents(new UserEmailSetEvent("u1", "bea@example.com", true, "user:u1", AT));
    }

    @Test
    void givenAUser_whenDeleted_thenDeleted() {
        // given
        fixture.given(registered("u1", Role.USER))
                // when
                .when(new DeleteUserCommand(U1, "user:root", AT))
                // then
                .expectEvents(deleted());
    }

    @Test
    void givenTheRootUser_whenDemoted_thenRefusedAsProtected() {
        // given
        fixture.given(registered("root", Role.ROOT))
                // when
                .when(new ChangeUserRoleCommand(UserId.ROOT, Role.USER, "user:admin", AT))
                // then
                .expectException(refusedWith(AccountErrorCode.ROOT_PROTECTED))
                .expectNoEvents();
    }

    @Test
    void givenTheRootUser_whenDisabled_thenRefusedAsProtected() {
        // given
        fixture.given(registered("root", Role.ROOT))
                // when
                .when(new ChangeUserStatusCommand(UserId.ROOT, UserStatus.DISABLED, "user:admin", AT))
                // then
                .expectException(refusedWith(AccountErrorCode.ROOT_PROTECTED))
                .expectNoEvents();
    }

    @Test
    void givenTheRootUser_whenDeleted_thenRefusedAsProtected() {
        // given
        fixture.given(registered("root", Role.ROOT))
                // when
                .when(new DeleteUserCommand(UserId.ROOT, "user:admin", AT))
                // then
                .expectException(refusedWith(AccountErrorCode.ROOT_PROTECTED))
                .expectNoEvents();
    }

    @Test
    void givenAnotherUser_whenMadeRoot_thenRefusedAsThereIsOneRoot() {
        // given
        fixture.given(registered("u1", Role.ADMIN))
                // when
                .when(new ChangeUserRoleCommand(U1, Role.ROOT, "user:root", AT))
                // then
                .expectException(refusedWith(AccountErrorCode.ROOT_PROTECTED))
                .expectExceptionMessage("there is only one root user")
                .expectNoEvents();
    }

    @Test
    void givenADeletedUser_whenChangedInAnyWay_thenUserNotFound() {
        // given / when / then
        fixture.given(registered("u1", Role.USER), deleted())
                .when(new ChangeUserStatusCommand(U1, UserStatus.ENABLED, "user:root", AT))
                .expectException(refusedWith(AccountErrorCode.USER_NOT_FOUND))
                .expectNoEvents();
        fixture.given(registered("u1", Role.USER), deleted())
                .when(new ChangeUserRoleCommand(U1, Role.ADMIN, "user:root", AT))
                .expectException(refusedWith(AccountErrorCode.USER_NOT_FOUND))
                .expectNoEvents();
        fixture.given(registered("u1", Role.USER), deleted())
                .when(new ChangeUserPasswordCommand(U1, "$argon2id$new", "user:root", AT))
                .expectException(refusedWith(AccountErrorCode.USER_NOT_FOUND))
                .expectNoEvents();
        fixture.given(registered("u1", Role.USER), deleted())
                .when(new SetUserEmailCommand(U1, "bea@example.com", false, "user:root", AT))
                .expectException(refusedWith(AccountErrorCode.USER_NOT_FOUND))
                .expectNoEvents();
        fixture.given(registered("u1", Role.USER), deleted())
                .when(new DeleteUserCommand(U1, "user:root", AT))
                .expectException(refusedWith(AccountErrorCode.USER_NOT_FOUND))
                .expectNoEvents();
        fixture.given(registered("u1", Role.USER), deleted())
                .when(new LinkExternalIdentityCommand(
                        U1, new ExternalIdentity(IdentityProvider.GITHUB, "4242", "octocat", null), "user:u1", AT))
                .expectException(refusedWith(AccountErrorCode.USER_NOT_FOUND))
                .expectNoEvents();
        fixture.given(registered("u1", Role.USER), deleted())
                .when(new UnlinkExternalIdentityCommand(U1, IdentityProvider.GITHUB, "user:u1", AT))
                .expectException(refusedWith(AccountErrorCode.USER_NOT_FOUND))
                .expectNoEvents();
    }
}
