package dev.tollgate.domain.token.event;

import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A key was issued. {@code keyHash} is the hex SHA-256 of the secret; the secret itself is never recorded.
 * {@code organizationId}: the organisation the key belongs to (its wallet pays, its policy applies); revision 3 and
 * older events have none and read as {@code null}: the owner's personal organisation.
 */
@Revision("4")
public record TokenIssuedEvent(
        String tokenId,
        String ownerId,
        String name,
        String keyHash,
        String maskedKey,
        long quota,
        boolean unlimitedQuota,
        Instant expiresAt,
        List<String> models,
        String actor,
        Instant at,
        String group,
        List<String> subnets,
        Long rpm,
        Long tpm,
        String organizationId)
        implements TokenEvent {
    /** The key's organisation: the recorded one, or its owner's personal organisation. */
    public String organization() {
        return organizationId != null
                ? organizationId
                : OrganizationId.personalOf(ownerId).value();
    }

    /** A key in the default group (revision 1 events have no group: they read as {@code null}, the default). */
    public TokenIssuedEvent(
            String tokenId,
            String ownerId,
            String name,
            String keyHash,
            String maskedKey,
            long quota,
            boolean unlimitedQuota,
            Instant expiresAt,
            List<String> models,
            String actor,
            Instant at) {
        this(
                tokenId,
                ownerId,
                name,
                keyHash,
                maskedKey,
                quota,
                unlimitedQuota,
                expiresAt,
                models,
                actor,
                at,
                null,
                List.of(),
                null,
                null,
                null);
    }
}
