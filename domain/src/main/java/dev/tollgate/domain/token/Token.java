package dev.tollgate.domain.token;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.token.command.DeleteTokenCommand;
import dev.tollgate.domain.token.command.IssueTokenCommand;
import dev.tollgate.domain.token.command.RotateTokenCommand;
import dev.tollgate.domain.token.command.UpdateTokenCommand;
import dev.tollgate.domain.token.event.TokenDeletedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenRotatedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An API key's configuration. Spending is not recorded here: it is settled in batches by the billing journal,
 * so that the relay never waits on this aggregate. Handlers return the version after the change.
 */
public class Token {

    @AggregateIdentifier
    private TokenId tokenId;

    private boolean deleted;
    private long version = -1;

    protected Token() {
        // for the event-sourcing repository
    }

    @CommandHandler
    public Token(IssueTokenCommand command) {
        TokenLimits l = command.limits();
        apply(new TokenIssuedEvent(
                command.tokenId().value(),
                command.ownerId(),
                command.name(),
                command.keyHash(),
                command.maskedKey(),
                l.quota(),
                l.unlimitedQuota(),
                l.expiresAt(),
                l.models(),
                command.actor(),
                command.at(),
                groupOrNull(l),
                l.subnetTexts(),
                l.rateLimit().rpm(),
                l.rateLimit().tpm(),
                command.organizationId()));
    }

    @CommandHandler
    public long handle(UpdateTokenCommand command) {
        requireNotDeleted();
        TokenLimits l = command.limits();
        apply(new TokenUpdatedEvent(
                tokenId.value(),
                command.name(),
                command.status().code(),
                l.quota(),
                l.unlimitedQuota(),
                l.expiresAt(),
                l.models(),
                command.actor(),
                command.at(),
                groupOrNull(l),
                l.subnetTexts(),
                l.rateLimit().rpm(),
                l.rateLimit().tpm()));
        return version;
    }

    /** A new secret, same settings: the old secret stops working with this event. */
    @CommandHandler
    public long handle(RotateTokenCommand command) {
        requireNotDeleted();
        apply(new TokenRotatedEvent(
                tokenId.value(), command.keyHash(), command.maskedKey(), command.actor(), command.at()));
        return version;
    }

    /** The default group is recorded as absent, as revision 1 events had it. */
    private static String groupOrNull(TokenLimits l) {
        return TokenLimits.DEFAULT_GROUP.equals(l.group()) ? null : l.group();
    }

    @CommandHandler
    public long handle(DeleteTokenCommand command) {
        requireNotDeleted();
        apply(new TokenDeletedEvent(tokenId.value(), command.actor(), command.at()));
        return version;
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw new DomainException(TokenErrorCode.TOKEN_DELETED, "token " + tokenId + " was deleted");
        }
    }

    @EventSourcingHandler
    void on(TokenIssuedEvent event) {
        tokenId = new TokenId(event.tokenId());
        version++;
    }

    @EventSourcingHandler
    void on(TokenUpdatedEvent event) {
        version++;
    }

    @EventSourcingHandler
    void on(TokenRotatedEvent event) {
        version++;
    }

    @EventSourcingHandler
    void on(TokenDeletedEvent event) {
        deleted = true;
        version++;
    }
}
