package dev.tollgate.adapter.out.persistence.token;

import dev.tollgate.adapter.out.persistence.LikePatterns;
import dev.tollgate.adapter.out.persistence.OffsetPages;
import dev.tollgate.application.token.port.in.TokenFilter;
import dev.tollgate.application.token.port.out.TokenListPort;
import dev.tollgate.application.token.query.TokenView;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;

/**
 * Reads {@code token_listing} through its repository: offset pages as slices, counts and keyset pages, one statement
 * each, never a query per row.
 */
public class TokenListPersistenceAdapter implements TokenListPort {
    private final TokenListingRepository tokens;

    public TokenListPersistenceAdapter(TokenListingRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    public List<TokenView> find(TokenQuery query, int offset, int limit) {
        TokenFilter f = query.filter();
        return tokens.findMatching(
                        query.ownerId(),
                        query.organizationId(),
                        f.status(),
                        LikePatterns.containing(f.q().text()),
                        OffsetPages.of(offset, limit, Sort.unsorted()))
                .map(TokenListingEntity::view)
                .getContent();
    }

    @Override
    public long count(TokenQuery query) {
        TokenFilter f = query.filter();
        return tokens.countMatching(
                query.ownerId(), query.organizationId(), f.status(), LikePatterns.containing(f.q().text()));
    }

    @Override
    public List<TokenView> after(TokenQuery query, Instant createdAt, String tokenId, int limit) {
        if (createdAt == null) {
            return find(query, 0, limit);
        }
        TokenFilter f = query.filter();
        return tokens
                .findAfter(
                        query.ownerId(),
                        query.organizationId(),
                        f.status(),
                        LikePatterns.containing(f.q().text()),
                        createdAt,
                        tokenId,
                        Limit.of(limit))
                .stream()
                .map(TokenListingEntity::view)
                .toList();
    }
}
