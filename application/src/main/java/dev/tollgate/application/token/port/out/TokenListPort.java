package dev.tollgate.application.token.port.out;

import dev.tollgate.application.token.port.in.TokenFilter;
import dev.tollgate.application.token.query.TokenView;
import java.time.Instant;
import java.util.List;

/**
 * The stored list of keys (newest first, then id), a projection of the key events: every key's settings with its
 * masked key, never its hash. Its views carry no live figures ({@code usedQuota}, {@code remainingQuota},
 * {@code lastUsedAt} are zero and null): the list merges them from the ledger for each page.
 */
public interface TokenListPort {
    /** The processor that keeps the list. */
    String PROCESSING_GROUP = "token-list";
    /** The processors whose projections the list reads. */
    List<String> PROCESSING_GROUPS = List.of(PROCESSING_GROUP);

    /**
     * Which keys: those matching the filter, of one owner (null: any) in one organisation (null: any).
     */
    record TokenQuery(String ownerId, String organizationId, TokenFilter filter) {}

    List<TokenView> find(TokenQuery query, int offset, int limit);

    long count(TokenQuery query);

    /**
     * At most {@code limit} keys right after the key created at {@code createdAt} with id {@code tokenId} in the list's
     * order (both null: from the start).
     */
    List<TokenView> after(TokenQuery query, Instant createdAt, String tokenId, int limit);
}
