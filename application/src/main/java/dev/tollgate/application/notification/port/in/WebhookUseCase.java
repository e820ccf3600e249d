package dev.tollgate.application.notification.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.notification.port.out.WebhookPort.Webhook;
import java.util.List;

/**
 * Webhooks for notification events: platform-wide ones (platform admins) and an organisation's (its owners and
 * admins). The signing secret is shown once, when the webhook is made.
 */
public interface WebhookUseCase {
    /** A new webhook and its signing secret (shown only now). */
    record CreatedWebhook(Webhook webhook, String secret) {}

    CreatedWebhook create(String organizationId, String url, Caller caller);

    /**
     * Whether the caller may manage the webhooks of this scope ({@code null}: platform-wide), before anything of a
     * request's body is looked at: 403 for a platform scope and a caller who is not a platform admin, 404
     * {@code organization_not_found} for an organisation the caller is not a member of, 403 for a member who is not an
     * owner or admin.
     */
    void authorize(String organizationId, Caller caller);

    List<Webhook> list(String organizationId, Caller caller);

    void delete(String webhookId, Caller caller);
}
