package dev.tollgate.adapter.out.persistence.notification;

import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.application.notification.port.out.WebhookPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Webhooks in the {@code notification_webhook} table. Secrets are sealed with the installation's
 * {@link SecretKeyring} (AES-256-GCM, {@code webhook:<id>} as associated data: a secret copied to another row does not
 * open) and stored as {@code <key id>:<nonce>:<ciphertext>} (base64).
 */
public class WebhookPersistenceAdapter implements WebhookPort {
    private final JdbcTemplate jdbc;
    private final SecretKeyring keyring;

    public WebhookPersistenceAdapter(JdbcTemplate jdbc, SecretKeyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    @Override
    public void add(Webhook webhook, byte[] secret) {
        jdbc.update(
                "insert into notification_webhook (id, organization_id, url, secret, created_at) values (?, ?, ?, ?, ?)",
                webhook.id(),
                webhook.organizationId(),
                webhook.url(),
                keyring.seal(secret, context(webhook.id())).text(),
                webhook.createdAt().atOffset(ZoneOffset.UTC));
    }

    @Override
    public List<Webhook> of(String organizationId, int limit) {
        return organizationId == null
                ? jdbc.query(
                        "select id, organization_id, url, created_at from notification_webhook "
                                + "where organization_id is null order by created_at, id limit ?",
                        WebhookPersistenceAdapter::webhook,
                        limit)
                : jdbc.query(
                        "select id, organization_id, url, created_at from notification_webhook "
                                + "where organization_id = ? order by created_at, id limit ?",
                        WebhookPersistenceAdapter::webhook,
                        organizationId,
                        limit);
    }

    @Override
    public Optional<Webhook> find(String id) {
        return jdbc
                .query(
                        "select id, organization_id, url, created_at from notification_webhook where id = ?",
                        WebhookPersistenceAdapter::webhook,
                        id)
                .stream()
                .findFirst();
    }

    @Override
    public List<Target> targets(String organizationId, int limit) {
        return jdbc.query(
                "select id, url, secret from notification_webhook where organization_id is null "
                        + "or organization_id = ? order by created_at, id limit ?",
                (rs, n) -> new Target(rs.getString(1), rs.getString(2), open(rs.getString(1), rs.getString(3))),
                organizationId,
                limit);
    }

    @Override
    public void delete(String id) {
        jdbc.update("delete from notification_webhook where id = ?", id);
    }

    private byte[] open(String id, String stored) {
        String what = "the secret of webhook " + id;
        return keyring.open(SecretKeyring.Sealed.parse(stored, what), context(id), what);
    }

    /** The associated data of a webhook's secret: a secret copied to another row does not open. */
    public static String context(String id) {
        return "webhook:" + id;
    }

    private static Webhook webhook(ResultSet rs, int n) throws SQLException {
        return new Webhook(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }
}
