package dev.tollgate.application.billing.port.in;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** What a key spent so far, for the key's own view. */
public interface KeySpendingUseCase {
    /** Units spent by the key so far (settled, stored or not). */
    long used(String tokenId);

    /** Units spent by each of these keys (a page of a key list), in one call. */
    default Map<String, Long> used(Collection<String> tokenIds) {
        Map<String, Long> used = HashMap.newHashMap(tokenIds.size());
        for (String tokenId : tokenIds) {
            used.put(tokenId, used(tokenId));
        }
        return used;
    }
}
