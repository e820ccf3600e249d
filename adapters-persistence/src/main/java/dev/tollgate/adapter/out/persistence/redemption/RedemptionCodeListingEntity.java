package dev.tollgate.adapter.out.persistence.redemption;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One row of {@code redemption_code_listing} (changeset 065): a code of a batch, by the SHA-256 hash the events carry
 * (never the code), and when it was redeemed (null: not yet).
 */
@Entity
@Table(name = "redemption_code_listing")
class RedemptionCodeListingEntity {
    @Id
    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "batch_id")
    private String batchId;

    @Column(name = "redeemed_at")
    private Instant redeemedAt;

    protected RedemptionCodeListingEntity() {}

    RedemptionCodeListingEntity(String codeHash, String batchId) {
        this.codeHash = codeHash;
        this.batchId = batchId;
    }

    String batchId() {
        return batchId;
    }

    boolean redeemed() {
        return redeemedAt != null;
    }

    void redeemed(Instant at) {
        this.redeemedAt = at;
    }
}
