package dev.tollgate.adapter.out.persistence.billing;

import dev.tollgate.application.billing.port.out.CheckInJournalPort;
import dev.tollgate.application.billing.port.out.InviteJournalPort;
import dev.tollgate.application.billing.port.out.RedemptionJournalPort;
import dev.tollgate.application.billing.service.RedemptionStreams;
import dev.tollgate.domain.billing.event.CheckedInEvent;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.InviterRewardedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Appends each redemption as the only event (sequence 0) of the stream {@code redemption-<code hash>}: the event
 * store's unique key on (aggregate identifier, sequence number) refuses a second one in the same transaction as the
 * append, whichever node tries — so a code credits exactly once (G8).
 */
public class RedemptionJournalPersistenceAdapter
        implements RedemptionJournalPort, CheckInJournalPort, InviteJournalPort {
    private final EventStore eventStore;

    public RedemptionJournalPersistenceAdapter(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean recordOnce(CodeRedeemedEvent event) {
        return appendOnce(RedemptionStreams.TYPE, RedemptionStreams.idOf(event.codeHash()), event);
    }

    /** A daily check-in, the only event of the stream {@code checkin-<user>-<day>}: once per user and day. */
    @Override
    public boolean recordOnce(CheckedInEvent event) {
        return appendOnce("CheckIn", CheckInJournalPort.streamOf(event.userId(), event.day()), event);
    }

    /** An inviter's reward, the only event of the stream {@code invite-reward-<invitee>}: once per invitee. */
    @Override
    public boolean recordOnce(InviterRewardedEvent event) {
        return appendOnce("InviteReward", InviteJournalPort.streamOf(event.inviteeId()), event);
    }

    private boolean appendOnce(String type, String streamId, Object event) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("once-only events must be recorded outside an Axon unit of work");
        }
        try {
            eventStore.publish(new GenericDomainEventMessage<>(type, streamId, 0, event, MetaData.emptyInstance()));
            return true;
        } catch (AggregateStreamCreationException | ConcurrencyException alreadyRecorded) {
            return false;
        }
    }
}
