package dev.tollgate.application.notification.service;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.notification.port.in.WebhookUseCase;
import dev.tollgate.application.notification.port.out.WebhookDeliveryPort;
import dev.tollgate.application.notification.port.out.WebhookPort;
import dev.tollgate.application.notification.port.out.WebhookPort.Webhook;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.notification.NotificationErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Platform-wide webhooks (platform admins) and organisations' webhooks (their owners and admins). A URL must be an
 * absolute {@code http(s)} URL without credentials whose host is not in the gateway's own network; each scope holds
 * at most {@value #MAX_PER_SCOPE}. The secret, {@code whsec_} and 64 hex digits, is returned once.
 */
public class WebhookService implements WebhookUseCase {
    static final int MAX_PER_SCOPE = 10;
    static final int MAX_URL_LENGTH = 2048;

    private final WebhookPort webhooks;
    private final WebhookDeliveryPort delivery;
    private final OrganizationAccess organizations;
    private final IdGeneratorPort ids;
    private final ClockPort clock;
    private final SecureRandom random = new SecureRandom();

    public WebhookService(
            WebhookPort webhooks,
            WebhookDeliveryPort delivery,
            OrganizationAccess organizations,
            IdGeneratorPort ids,
            ClockPort clock) {
        this.webhooks = webhooks;
        this.delivery = delivery;
        this.organizations = organizations;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public CreatedWebhook create(String organizationId, String url, Caller caller) {
        requireManager(organizationId, caller);
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw invalidUrl("url is required, at most " + MAX_URL_LENGTH + " characters");
        }
        Optional<String> refusal = delivery.refusal(url);
        if (refusal.isPresent()) {
            throw invalidUrl(refusal.get());
        }
        if (webhooks.of(organizationId, MAX_PER_SCOPE).size() >= MAX_PER_SCOPE) {
            throw new DomainException(
                    NotificationErrorCode.TOO_MANY_WEBHOOKS,
                    (organizationId == null ? "the platform" : "the organisation") + " has " + MAX_PER_SCOPE
                            + " webhooks, the limit; delete one first");
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = "whsec_" + HexFormat.of().formatHex(raw);
        Webhook webhook = new Webhook("wh_" + ids.newId(), organizationId, url, clock.now());
        webhooks.add(webhook, secret.getBytes(StandardCharsets.US_ASCII));
        return new CreatedWebhook(webhook, secret);
    }

    @Override
    public void authorize(String organizationId, Caller caller) {
        requireManager(organizationId, caller);
    }

    @Override
    public List<Webhook> list(String organizationId, Caller caller) {
        requireManager(organizationId, caller);
        return webhooks.of(organizationId, MAX_PER_SCOPE);
    }

    @Override
    public void delete(String webhookId, Caller caller) {
        Webhook webhook = webhooks.find(webhookId)
                .filter(w -> mayManage(w.organizationId(), caller))
                .orElseThrow(() ->
                        new NotFoundException(NotificationErrorCode.WEBHOOK_NOT_FOUND, "no webhook " + webhookId));
        webhooks.delete(webhook.id());
    }

    private void requireManager(String organizationId, Caller caller) {
        if (organizationId == null) {
            caller.requireAdmin("only platform admins may manage platform-wide webhooks");
        } else {
            organizations.managed(
                    organizationId, caller, "only the organisation's owners and admins may manage its " + "webhooks");
        }
    }

    private boolean mayManage(String organizationId, Caller caller) {
        return organizationId == null ? caller.admin() : organizations.manages(organizationId, caller);
    }

    private static DomainException invalidUrl(String message) {
        return new DomainException(NotificationErrorCode.INVALID_WEBHOOK_URL, message);
    }
}
