package dev.tollgate.domain.billing.event;

/**
 * An event of one relayed request's own stream (named by its request id): the quota held for it before the upstream
 * call ({@link QuotaReservedEvent}, sequence 0) and how it ended ({@link RequestSettledEvent}, the next sequence).
 */
public sealed interface RequestEvent permits QuotaReservedEvent, RequestSettledEvent {
    /** The request's id, which names its stream. */
    String requestId();

    /** The event's position in the request's stream. */
    long sequence();
}
