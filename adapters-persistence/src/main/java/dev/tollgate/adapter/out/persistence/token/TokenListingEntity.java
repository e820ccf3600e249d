package dev.tollgate.adapter.out.persistence.token;

import dev.tollgate.application.token.query.TokenView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code token_listing} (changeset 062): a key as the admin API lists it, masked, never its hash; without
 * the live figures, which the ledger holds.
 */
@Entity
@Table(name = "token_listing")
class TokenListingEntity {
    @Id
    @Column(name = "token_id")
    private String tokenId;

    @Column(name = "owner_id")
    private String ownerId;

    @Column(name = "organization_id")
    private String organizationId;

    private String name;

    @Column(name = "masked_key")
    private String maskedKey;

    private String status;
    private long quota;

    @Column(name = "unlimited_quota")
    private boolean unlimitedQuota;

    @Column(name = "expires_at")
    private Instant expiresAt;

    private String[] models;

    @Column(name = "key_group")
    private String group;

    private String[] subnets;
    private Long rpm;
    private Long tpm;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected TokenListingEntity() {}

    /** A new key, enabled, issued at {@code at}. */
    TokenListingEntity(String tokenId, String ownerId, String organizationId, String maskedKey, Instant at) {
        this.tokenId = tokenId;
        this.ownerId = ownerId;
        this.organizationId = organizationId;
        this.maskedKey = maskedKey;
        this.status = TokenListProjection.ENABLED;
        this.createdAt = at;
        this.updatedAt = at;
    }

    /** The key's settings as of {@code at}. */
    void settings(TokenListProjection.Settings s, Instant at) {
        this.name = s.name();
        this.status = s.status();
        this.quota = s.quota();
        this.unlimitedQuota = s.unlimitedQuota();
        this.expiresAt = s.expiresAt();
        this.models = s.models().toArray(String[]::new);
        this.group = s.group();
        this.subnets = s.subnets().toArray(String[]::new);
        this.rpm = s.rpm();
        this.tpm = s.tpm();
        this.updatedAt = at;
    }

    /** A new secret: its masked form. */
    void rotated(String maskedKey, Instant at) {
        this.maskedKey = maskedKey;
        this.updatedAt = at;
    }

    /** The key without its live figures (zero, and no last use): the list adds them. */
    TokenView view() {
        return new TokenView(
                tokenId,
                ownerId,
                name,
                maskedKey,
                status,
                quota,
                unlimitedQuota,
                0,
                0,
                expiresAt,
                List.of(models),
                createdAt,
                updatedAt,
                group,
                List.of(subnets),
                rpm,
                tpm,
                null,
                organizationId);
    }
}
