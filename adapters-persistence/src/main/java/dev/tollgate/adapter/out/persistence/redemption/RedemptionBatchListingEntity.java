package dev.tollgate.adapter.out.persistence.redemption;

import dev.tollgate.application.billing.port.in.RedemptionBatchView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code redemption_batch_listing} (changeset 065): a batch as the admin API lists it, without status. */
@Entity
@Table(name = "redemption_batch_listing")
class RedemptionBatchListingEntity {
    @Id
    @Column(name = "batch_id")
    private String batchId;

    private String name;

    @Column(name = "code_value")
    private long codeValue;

    @Column(name = "expires_at")
    private Instant expiresAt;

    private boolean disabled;
    private boolean deleted;

    @Column(name = "code_count")
    private int codeCount;

    @Column(name = "redeemed_count")
    private int redeemedCount;

    @Column(name = "created_at")
    private Instant createdAt;

    protected RedemptionBatchListingEntity() {}

    RedemptionBatchListingEntity(
            String batchId, String name, long codeValue, Instant expiresAt, int codeCount, Instant createdAt) {
        this.batchId = batchId;
        this.name = name;
        this.codeValue = codeValue;
        this.expiresAt = expiresAt;
        this.codeCount = codeCount;
        this.createdAt = createdAt;
    }

    void disable() {
        this.disabled = true;
    }

    void delete() {
        this.disabled = true;
        this.deleted = true;
    }

    /** One more of its codes was redeemed (each code counted once: see the projection). */
    void countRedeemed() {
        this.redeemedCount = Math.addExact(redeemedCount, 1);
    }

    /** The batch with its status as of {@code now}, as the in-memory view computes it. */
    RedemptionBatchView view(Instant now) {
        String status = disabled
                ? RedemptionBatchStatus.DISABLED
                : expiresAt != null && !now.isBefore(expiresAt)
                        ? RedemptionBatchStatus.EXPIRED
                        : redeemedCount >= codeCount ? RedemptionBatchStatus.USED_UP : RedemptionBatchStatus.ACTIVE;
        return new RedemptionBatchView(
                batchId, name, codeValue, expiresAt, status, codeCount, redeemedCount, createdAt);
    }
}
