package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Quota units were added to a wallet ({@code kind}: top_up or adjustment), with the operator's reason. */
@Revision("1")
public record WalletCreditedEvent(String walletId, long amount, String kind, String reason, String actor, Instant at)
        implements WalletEvent {}
