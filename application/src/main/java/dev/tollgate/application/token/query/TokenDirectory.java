package dev.tollgate.application.token.query;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.token.TokenStatus;
import dev.tollgate.domain.token.event.TokenDeletedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** In-memory view of keys, looked up by the hash of the presented secret on every relayed request. */
public class TokenDirectory {
    private final Map<String, TokenRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByHash = new ConcurrentHashMap<>();
    private final ViewFreshness freshness;

    public TokenDirectory(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(TokenIssuedEvent e, @SequenceNumber long sequence) {
        byId.put(e.tokenId(), new TokenRecord(e.tokenId(), e.ownerId(), e.name(), e.keyHash(), e.maskedKey(),
                TokenStatus.ENABLED, e.quota(), e.unlimitedQuota(), e.expiresAt(), List.copyOf(e.models()), e.at(),
                e.at(), group(e.group())));
        idByHash.put(e.keyHash(), e.tokenId());
        freshness.applied(e.tokenId(), sequence);
    }

    @EventHandler
    void on(TokenUpdatedEvent e, @SequenceNumber long sequence) {
        byId.computeIfPresent(e.tokenId(), (id, t) -> new TokenRecord(id, t.ownerId(), e.name(), t.keyHash(),
                t.maskedKey(), TokenStatus.fromCode(e.status()), e.quota(), e.unlimitedQuota(), e.expiresAt(),
                List.copyOf(e.models()), t.createdAt(), e.at(), group(e.group())));
        freshness.applied(e.tokenId(), sequence);
    }

    private static String group(String recorded) {
        return recorded == null ? dev.tollgate.domain.token.TokenLimits.DEFAULT_GROUP : recorded;
    }

    @EventHandler
    void on(TokenDeletedEvent e, @SequenceNumber long sequence) {
        TokenRecord removed = byId.remove(e.tokenId());
        if (removed != null) {
            idByHash.remove(removed.keyHash());
        }
        freshness.applied(e.tokenId(), sequence);
    }

    public Optional<TokenRecord> findByKeyHash(String keyHash) {
        String id = idByHash.get(keyHash);
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    public Optional<TokenRecord> findById(String tokenId) {
        return Optional.ofNullable(byId.get(tokenId));
    }

    /** Keys of one owner, or of everyone when {@code ownerId} is null, newest first. */
    public List<TokenRecord> list(String ownerId) {
        return byId.values().stream()
                .filter(t -> ownerId == null || t.ownerId().equals(ownerId))
                .sorted(Comparator.comparing(TokenRecord::createdAt).reversed().thenComparing(TokenRecord::id))
                .toList();
    }
}
