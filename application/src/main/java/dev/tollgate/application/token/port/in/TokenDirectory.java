package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.common.Subnet;
import dev.tollgate.domain.token.RateLimit;
import dev.tollgate.domain.token.TokenLimits;
import dev.tollgate.domain.token.TokenStatus;
import dev.tollgate.domain.token.event.TokenDeletedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenRotatedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
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
        byId.put(
                e.tokenId(),
                new TokenRecord(
                        e.tokenId(),
                        e.ownerId(),
                        e.name(),
                        e.keyHash(),
                        e.maskedKey(),
                        TokenStatus.ENABLED,
                        e.quota(),
                        e.unlimitedQuota(),
                        e.expiresAt(),
                        List.copyOf(e.models()),
                        e.at(),
                        e.at(),
                        group(e.group()),
                        subnets(e.subnets()),
                        new RateLimit(e.rpm(), e.tpm()),
                        e.organization()));
        idByHash.put(e.keyHash(), e.tokenId());
        freshness.applied(e.tokenId(), sequence);
    }

    @EventHandler
    void on(TokenUpdatedEvent e, @SequenceNumber long sequence) {
        byId.computeIfPresent(
                e.tokenId(),
                (id, t) -> new TokenRecord(
                        id,
                        t.ownerId(),
                        e.name(),
                        t.keyHash(),
                        t.maskedKey(),
                        TokenStatus.fromCode(e.status()),
                        e.quota(),
                        e.unlimitedQuota(),
                        e.expiresAt(),
                        List.copyOf(e.models()),
                        t.createdAt(),
                        e.at(),
                        group(e.group()),
                        subnets(e.subnets()),
                        new RateLimit(e.rpm(), e.tpm()),
                        t.organizationId()));
        freshness.applied(e.tokenId(), sequence);
    }

    /** The new secret's hash replaces the old one at once: the old secret finds no key from here on. */
    @EventHandler
    void on(TokenRotatedEvent e, @SequenceNumber long sequence) {
        TokenRecord t = byId.get(e.tokenId());
        if (t != null) {
            idByHash.remove(t.keyHash());
            byId.put(
                    t.id(),
                    new TokenRecord(
                            t.id(),
                            t.ownerId(),
                            t.name(),
                            e.keyHash(),
                            e.maskedKey(),
                            t.status(),
                            t.quota(),
                            t.unlimitedQuota(),
                            t.expiresAt(),
                            t.models(),
                            t.createdAt(),
                            e.at(),
                            t.group(),
                            t.subnets(),
                            t.rateLimit(),
                            t.organizationId()));
            idByHash.put(e.keyHash(), t.id());
        }
        freshness.applied(e.tokenId(), sequence);
    }

    /** Subnets as recorded (revision 2 events have none: null). */
    private static List<Subnet> subnets(List<String> recorded) {
        return recorded == null
                ? List.of()
                : recorded.stream().map(s -> Subnet.parse("subnets", s)).toList();
    }

    private static String group(String recorded) {
        return recorded == null ? TokenLimits.DEFAULT_GROUP : recorded;
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
        return id == null
                ? Optional.empty()
                : Optional.ofNullable(byId.get(id)).filter(t -> t.keyHash().equals(keyHash));
    }

    public Optional<TokenRecord> findById(String tokenId) {
        return Optional.ofNullable(byId.get(tokenId));
    }
}
