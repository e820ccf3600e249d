package dev.tollgate.domain.account;

import static dev.tollgate.domain.common.DomainExceptionMatcher.refusedWith;

import dev.tollgate.domain.account.command.LinkExternalIdentityCommand;
import dev.tollgate.domain.account.command.RegisterExternalUserCommand;
import dev.tollgate.domain.account.command.UnlinkExternalIdentityCommand;
import dev.tollgate.domain.account.event.ExternalIdentityLinkedEvent;
import dev.tollgate.domain.account.event.ExternalIdentityUnlinkedEvent;
import dev.tollgate.domain.account.event.UserPasswordChangedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users registered by an external identity, linking and unlinking: a user always keeps one way to sign in. */
class ExternalIdentityTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final ExternalIdentity GITHUB =
            new ExternalIdentity(IdentityProvider.GITHUB, "4242", "octocat", "octo@example.com");
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    private static UserRegisteredEvent registeredWithoutPassword() {
        return new UserRegisteredEvent("u1", "octocat", null, "USER", "github:4242", AT);
    }

    private static ExternalIdentityLinkedEvent githubLinked() {
        return new ExternalIdentityLinkedEvent(
                "u1", "github", "4242", "octocat", "octo@example.com", "github:4242", AT);
    }

    @Test
    void givenAFirstSignIn_whenRegistered_thenAUserWithoutPasswordAndTheLinkedIdentityByTheIdentityAsActor() {
        fixture.givenNoPriorActivity()
                .when(new RegisterExternalUserCommand(new UserId("u1"), new Username("octocat"), GITHUB, AT))
                .expectEvents(registeredWithoutPassword(), githubLinked());
    }

    @Test
    void givenAUserWithOnlyOneIdentity_whenUnlinkingIt_thenRefusedAsTheLastWayToSignIn() {
        fixture.given(registeredWithoutPassword(), githubLinked())
                .when(new UnlinkExternalIdentityCommand(new UserId("u1"), IdentityProvider.GITHUB, "user:u1", AT))
                .expectException(refusedWith(AccountErrorCode.LAST_SIGN_IN_METHOD))
                .expectExceptionMessage(
                        "this is your only way to sign in: set a password or link another account " + "first")
                .expectNoEvents();
    }

    @Test
    void givenAUserWhoSetAPassword_whenUnlinkingTheirOnlyIdentity_thenUnlinked() {
        fixture.given(
                        registeredWithoutPassword(),
                        githubLinked(),
                        new UserPasswordChangedEvent("u1", "$argon2id$hash", "user:u1", AT))
                .when(new UnlinkExternalIdentityCommand(new UserId("u1"), IdentityProvider.GITHUB, "user:u1", AT))
                .expectEvents(new ExternalIdentityUnlinkedEvent("u1", "github", "4242", "user:u1", AT));
    }

    @Test
    void givenAUserWithTwoIdentities_whenUnlinkingOne_thenUnlinked() {
        fixture.given(
                        registeredWithoutPassword(),
                        githubLinked(),
                        new ExternalIdentityLinkedEvent("u1", "oidc", "sub-1", "octo", null, "user:u1", AT))
                .when(new UnlinkExternalIdentityCommand(new UserId("u1"), IdentityProvider.GITHUB, "user:u1", AT))
                .expectEvents(new ExternalIdentityUnlinkedEvent("u1", "github", "4242", "user:u1", AT));
    }

    @Test
    void givenAPasswordUser_whenLinkingAndAgainWithAnotherAccountOfTheSameProvider_thenTheSecondIsRefused() {
        UserRegisteredEvent passwordUser = new UserRegisteredEvent("u1", "alice", "$argon2id$hash", "USER", "self", AT);
        fixture.given(passwordUser)
                .when(new LinkExternalIdentityCommand(new UserId("u1"), GITHUB, "user:u1", AT))
                .expectEvents(new ExternalIdentityLinkedEvent(
                        "u1", "github", "4242", "octocat", "octo@example.com", "user:u1", AT));
        fixture.given(passwordUser, githubLinked())
                .when(new LinkExternalIdentityCommand(
                        new UserId("u1"),
                        new ExternalIdentity(IdentityProvider.GITHUB, "9999", "other", null),
                        "user:u1",
                        AT))
                .expectException(refusedWith(AccountErrorCode.IDENTITY_ALREADY_LINKED))
                .expectNoEvents();
        fixture.given(passwordUser, githubLinked())
                .when(new LinkExternalIdentityCommand(new UserId("u1"), GITHUB, "user:u1", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAUserWithoutIdentity_whenUnlinking_thenNotLinked() {
        fixture.given(new UserRegisteredEvent("u1", "alice", "$argon2id$hash", "USER", "self", AT))
                .when(new UnlinkExternalIdentityCommand(new UserId("u1"), IdentityProvider.FEISHU, "user:u1", AT))
                .expectException(refusedWith(AccountErrorCode.IDENTITY_NOT_LINKED))
                .expectNoEvents();
    }
}
