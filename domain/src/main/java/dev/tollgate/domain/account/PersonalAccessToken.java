package dev.tollgate.domain.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.account.command.CreatePersonalAccessTokenCommand;
import dev.tollgate.domain.account.command.RevokePersonalAccessTokenCommand;
import dev.tollgate.domain.account.event.PersonalAccessTokenCreatedEvent;
import dev.tollgate.domain.account.event.PersonalAccessTokenRevokedEvent;
import dev.tollgate.domain.common.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A personal access token: a user's credential for the admin API, for scripts and CI — scoped, expiring, revocable.
 * Only the hash of its secret is recorded.
 */
public class PersonalAccessToken {
    @AggregateIdentifier
    private AccessTokenId id;

    private boolean revoked;

    protected PersonalAccessToken() {
        // for the event-sourcing repository
    }

    @CommandHandler
    public PersonalAccessToken(CreatePersonalAccessTokenCommand command) {
        apply(new PersonalAccessTokenCreatedEvent(
                command.id().value(),
                command.userId(),
                command.name(),
                command.secretHash(),
                command.maskedSecret(),
                command.scope().code(),
                command.expiresAt(),
                command.actor(),
                command.at()));
    }

    @CommandHandler
    public void handle(RevokePersonalAccessTokenCommand command) {
        if (revoked) {
            throw new DomainException(
                    AccessTokenErrorCode.ACCESS_TOKEN_REVOKED, "the access token " + id + " was already revoked");
        }
        apply(new PersonalAccessTokenRevokedEvent(id.value(), command.actor(), command.at()));
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenCreatedEvent event) {
        id = new AccessTokenId(event.accessTokenId());
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenRevokedEvent event) {
        revoked = true;
    }
}
