package dev.tollgate.domain.billing.event;

/** Every fact recorded about a batch of redemption codes. */
public sealed interface RedemptionBatchEvent
        permits RedemptionBatchCreatedEvent, RedemptionBatchDisabledEvent, RedemptionBatchDeletedEvent {
    String batchId();
}
