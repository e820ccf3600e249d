package dev.tollgate.domain.billing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.billing.command.CreateRedemptionBatchCommand;
import dev.tollgate.domain.billing.command.DeleteRedemptionBatchCommand;
import dev.tollgate.domain.billing.command.DisableRedemptionBatchCommand;
import dev.tollgate.domain.billing.event.RedemptionBatchCreatedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDeletedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDisabledEvent;
import dev.tollgate.domain.common.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A batch of redemption codes (their hashes), created by an admin; redemptions themselves are separate streams. */
public class RedemptionBatch {

    @AggregateIdentifier
    private String batchId;

    private boolean disabled;
    private boolean deleted;
    private long version = -1;

    protected RedemptionBatch() {
        // for the event-sourcing repository
    }

    @CommandHandler
    public RedemptionBatch(CreateRedemptionBatchCommand command) {
        apply(new RedemptionBatchCreatedEvent(
                command.batchId(),
                command.name(),
                command.value(),
                command.expiresAt(),
                command.codeHashes(),
                command.actor(),
                command.at()));
    }

    @CommandHandler
    public long handle(DeleteRedemptionBatchCommand command) {
        requireNotDeleted();
        apply(new RedemptionBatchDeletedEvent(batchId, command.actor(), command.at()));
        return version;
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw new DomainException(BillingErrorCode.BATCH_NOT_FOUND, "redemption batch " + batchId + " was deleted");
        }
    }

    @CommandHandler
    public long handle(DisableRedemptionBatchCommand command) {
        requireNotDeleted();
        if (!disabled) {
            apply(new RedemptionBatchDisabledEvent(batchId, command.actor(), command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(RedemptionBatchCreatedEvent event) {
        batchId = event.batchId();
        version++;
    }

    @EventSourcingHandler
    void on(RedemptionBatchDeletedEvent event) {
        deleted = true;
        version++;
    }

    @EventSourcingHandler
    void on(RedemptionBatchDisabledEvent event) {
        disabled = true;
        version++;
    }
}
