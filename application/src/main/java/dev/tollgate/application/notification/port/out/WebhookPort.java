package dev.tollgate.application.notification.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks that receive notification events: platform-wide ones (no organisation) and organisations' own. Their
 * signing secrets are stored sealed with the installation's secret key, like channels' upstream keys.
 */
public interface WebhookPort {
    /** A webhook; {@code organizationId} null for a platform-wide one. */
    record Webhook(String id, String organizationId, String url, Instant createdAt) {}

    /** A webhook with its signing secret in clear, for a delivery. */
    record Target(String id, String url, byte[] secret) {}

    void add(Webhook webhook, byte[] secret);

    /** The organisation's webhooks ({@code organizationId} null: the platform's), oldest first, at most {@code limit}. */
    List<Webhook> of(String organizationId, int limit);

    Optional<Webhook> find(String id);

    /** The webhooks of the organisation and the platform's, with their secrets, at most {@code limit}. */
    List<Target> targets(String organizationId, int limit);

    void delete(String id);
}
