package dev.tollgate.application.account.query;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.account.event.PersonalAccessTokenCreatedEvent;
import dev.tollgate.domain.account.event.PersonalAccessTokenRevokedEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** Personal access tokens in memory, by id and by the hash of their secret (checked on every admin API call). */
public class AccessTokenDirectory {
    /** One token. */
    public record AccessTokenRecord(
            String id,
            String userId,
            String name,
            String secretHash,
            String maskedSecret,
            String scope,
            Instant expiresAt,
            Instant createdAt,
            boolean revoked) {}

    private final Map<String, AccessTokenRecord> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByHash = new ConcurrentHashMap<>();
    private final ViewFreshness freshness;

    public AccessTokenDirectory(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(PersonalAccessTokenCreatedEvent e, @SequenceNumber long sequence) {
        byId.put(
                e.accessTokenId(),
                new AccessTokenRecord(
                        e.accessTokenId(),
                        e.userId(),
                        e.name(),
                        e.secretHash(),
                        e.maskedSecret(),
                        e.scope(),
                        e.expiresAt(),
                        e.at(),
                        false));
        idByHash.put(e.secretHash(), e.accessTokenId());
        freshness.applied(e.accessTokenId(), sequence);
    }

    @EventHandler
    void on(PersonalAccessTokenRevokedEvent e, @SequenceNumber long sequence) {
        byId.computeIfPresent(
                e.accessTokenId(),
                (id, r) -> new AccessTokenRecord(
                        r.id(),
                        r.userId(),
                        r.name(),
                        r.secretHash(),
                        r.maskedSecret(),
                        r.scope(),
                        r.expiresAt(),
                        r.createdAt(),
                        true));
        AccessTokenRecord r = byId.get(e.accessTokenId());
        if (r != null) {
            idByHash.remove(r.secretHash());
        }
        freshness.applied(e.accessTokenId(), sequence);
    }

    public Optional<AccessTokenRecord> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The token whose secret hashes to this, unless it was revoked. */
    public Optional<AccessTokenRecord> findBySecretHash(String hash) {
        String id = idByHash.get(hash);
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id)).filter(r -> !r.revoked());
    }

    /** A user's tokens, newest first. */
    public List<AccessTokenRecord> ofUser(String userId) {
        return byId.values().stream()
                .filter(r -> r.userId().equals(userId))
                .sorted(Comparator.comparing(AccessTokenRecord::createdAt).reversed())
                .toList();
    }
}
