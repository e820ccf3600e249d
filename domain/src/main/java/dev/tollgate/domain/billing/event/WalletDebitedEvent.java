package dev.tollgate.domain.billing.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Quota units were taken out of a wallet (a negative adjustment), with the operator's reason. */
@Revision("1")
public record WalletDebitedEvent(String walletId, long amount, String debitId, String reason, String actor, Instant at)
        implements WalletEvent {}
