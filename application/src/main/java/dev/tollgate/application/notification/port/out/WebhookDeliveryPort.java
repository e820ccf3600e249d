package dev.tollgate.application.notification.port.out;

import java.util.Optional;

/**
 * Posts notification events to webhooks: JSON, signed with the webhook's secret, to an address checked against the
 * gateway's own network (SSRF) and pinned for the call.
 */
public interface WebhookDeliveryPort {
    /** Why {@code url} may not be a webhook (not http(s), credentials, an internal address), or empty when it may. */
    Optional<String> refusal(String url);

    /** Posts the event; throws when the receiver cannot be reached or does not answer 2xx. */
    void deliver(WebhookPort.Target target, NotificationEvent event);
}
