package dev.tollgate.application.token.port.in;

import java.time.Instant;
import java.util.List;

/**
 * Keys brought in from another gateway (a one-api import) with the secret they already have, so that applications
 * keep working unchanged. Only the secret's SHA-256 and masked form are kept, as for every key. For imports only:
 * the caller is the import, which has checked its rights; the owner's personal organisation pays.
 */
public interface ImportTokenUseCase {
    /** Refuses (as {@link #importKey} would) a key that cannot be imported; changes nothing. */
    void check(ImportedKey key);

    /** Issues the key with its given secret; returns the new key's id. */
    String importKey(ImportedKey key, String actor);

    /**
     * A key to import. {@code secret} is the whole key as clients send it ({@code sk-} added when it lacks it);
     * {@code expiresAt} may be in the past (the key is then refused as expired, like before).
     */
    record ImportedKey(
            String ownerId,
            String secret,
            String name,
            long quota,
            boolean unlimitedQuota,
            Instant expiresAt,
            List<String> models,
            String group,
            List<String> subnets,
            boolean enabled) {
        @Override
        public String toString() {
            return "ImportedKey[ownerId=" + ownerId + ", name=" + name + ", secret=<hidden>]";
        }
    }
}
