package dev.tollgate.application.billing.port.in;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchCreatedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDeletedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDisabledEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** In-memory view of redemption batches, the hashes of their codes and which are redeemed. */
public class RedemptionDirectory {
    /** A batch as the redemption needs it. */
    public record Batch(
            String id,
            String name,
            long value,
            Instant expiresAt,
            boolean disabled,
            List<String> hashes,
            Instant createdAt) {}

    private record Redeemed(String ownerId, Instant at) {}

    private final Map<String, Batch> batches = new ConcurrentHashMap<>();
    private final Map<String, String> batchByHash = new ConcurrentHashMap<>();
    private final Map<String, Redeemed> redeemed = new ConcurrentHashMap<>();
    private final ViewFreshness freshness;

    /** With the freshness tracker, so that an admin's change of a batch is visible when the call returns. */
    public RedemptionDirectory(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    private void applied(String batchId, long sequence) {
        freshness.applied(batchId, sequence);
    }

    @EventHandler
    void on(RedemptionBatchCreatedEvent e, @SequenceNumber long sequence) {
        batches.put(
                e.batchId(),
                new Batch(e.batchId(), e.name(), e.value(), e.expiresAt(), false, List.copyOf(e.codeHashes()), e.at()));
        e.codeHashes().forEach(h -> batchByHash.put(h, e.batchId()));
        applied(e.batchId(), sequence);
    }

    @EventHandler
    void on(RedemptionBatchDisabledEvent e, @SequenceNumber long sequence) {
        batches.computeIfPresent(
                e.batchId(),
                (id, b) -> new Batch(id, b.name(), b.value(), b.expiresAt(), true, b.hashes(), b.createdAt()));
        applied(e.batchId(), sequence);
    }

    /** A deleted batch leaves the lists; its codes stay known (as unusable) so a redemption says why it fails. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(RedemptionBatchDeletedEvent e, @SequenceNumber long sequence) {
        deleted.add(e.batchId());
        batches.computeIfPresent(
                e.batchId(),
                (id, b) -> new Batch(id, b.name(), b.value(), b.expiresAt(), true, b.hashes(), b.createdAt()));
        applied(e.batchId(), sequence);
    }

    public boolean deleted(String batchId) {
        return deleted.contains(batchId);
    }

    @EventHandler
    void on(CodeRedeemedEvent e) {
        redeemed.put(e.codeHash(), new Redeemed(Wallet.ownerOf(e.walletId()), e.at()));
    }

    public Optional<Batch> batchOf(String codeHash) {
        String id = batchByHash.get(codeHash);
        return id == null ? Optional.empty() : Optional.ofNullable(batches.get(id));
    }

    /** A batch that was not deleted. */
    public Optional<Batch> batch(String batchId) {
        return deleted.contains(batchId) ? Optional.empty() : Optional.ofNullable(batches.get(batchId));
    }

    public boolean redeemed(String codeHash) {
        return redeemed.containsKey(codeHash);
    }

    public RedemptionBatchView view(Batch b, Instant now) {
        int used = (int) b.hashes().stream().filter(redeemed::containsKey).count();
        String status = b.disabled()
                ? "disabled"
                : b.expiresAt() != null && !now.isBefore(b.expiresAt())
                        ? "expired"
                        : used == b.hashes().size() ? "used_up" : "active";
        return new RedemptionBatchView(
                b.id(), b.name(), b.value(), b.expiresAt(), status, b.hashes().size(), used, b.createdAt());
    }

    public List<RedemptionCodeStatus> codes(Batch b) {
        return b.hashes().stream()
                .map(h -> {
                    Redeemed r = redeemed.get(h);
                    return new RedemptionCodeStatus(
                            h.substring(0, 12), r != null, r == null ? null : r.ownerId(), r == null ? null : r.at());
                })
                .toList();
    }
}
