package dev.tollgate.adapter.out.persistence.secretkey;

import java.util.Map;
import java.util.Optional;

/** One table that keeps secrets sealed with the installation's secret key. */
interface SealedStore {
    /** The table, as logs and messages name it. */
    String table();

    /** How many secrets are sealed with each key id. */
    Map<String, Long> countsByKeyId();

    /**
     * In one transaction: seals again with the current key at most {@code limit} of the secrets sealed with the key
     * of id {@code fromKeyId}, in id order after {@code after} (null: from the start), skipping rows another node holds
     * locked.
     *
     * @return the ids looked at, or empty when no row was left after {@code after}
     */
    Optional<Batch> resealAfter(String fromKeyId, String after, int limit);

    /** A batch's outcome: the last id looked at and how many secrets were sealed again. */
    record Batch(String lastId, int resealed) {}
}
