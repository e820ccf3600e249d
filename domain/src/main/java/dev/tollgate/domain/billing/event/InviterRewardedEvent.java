package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An inviter earned the invite reward for an invitee ({@code trigger}: the invitee's {@code sign_up} or
 * {@code first_top_up}); the units are credited to the inviter's wallet by a {@code WalletCreditedEvent} of kind
 * incentive. Recorded once per invitee: it is the only event of a stream named by the invitee, so the event store's
 * unique key refuses a second one, whatever races.
 */
@Revision("1")
public record InviterRewardedEvent(String inviteeId, String inviterId, long amount, String trigger, Instant at) {}
