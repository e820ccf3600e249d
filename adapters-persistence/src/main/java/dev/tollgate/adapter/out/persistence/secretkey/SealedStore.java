package dev.tollgate.adapter.out.persistence.secretkey;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One table that keeps secrets sealed with the installation's secret key, and the batch that seals its rows of one key
 * again with the current key: a row of type {@code R} as read, locked, from the table.
 */
abstract class SealedStore<R extends SealedStore.Row> {
    /** A row as read: its id orders the batches. */
    interface Row {
        String id();
    }

    /** A batch's outcome: the last id looked at and how many secrets were sealed again. */
    record Batch(String lastId, int resealed) {}

    private final TransactionTemplate transactions;

    SealedStore(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /** The table, as logs and messages name it. */
    abstract String table();

    /** How many secrets are sealed with each key id. */
    abstract Map<String, Long> countsByKeyId();

    /**
     * At most {@code limit} rows sealed with the key of id {@code fromKeyId}, in id order after {@code after} (empty:
     * from the start), locked ({@code for update skip locked}: rows another node holds are left to it).
     */
    abstract List<R> lock(String fromKeyId, String after, int limit);

    /** Seals the row's secret again with the current key, only if the row still holds what was read: 1, else 0. */
    abstract int reseal(R row);

    /**
     * In one transaction: seals again with the current key at most {@code limit} of the secrets sealed with the key
     * of id {@code fromKeyId}, in id order after {@code after} (null: from the start).
     *
     * @return the batch, or empty when no row was left after {@code after}
     */
    final Optional<Batch> resealAfter(String fromKeyId, String after, int limit) {
        return transactions.execute(status -> {
            List<R> rows = lock(fromKeyId, after == null ? "" : after, limit);
            if (rows.isEmpty()) {
                return Optional.<Batch>empty();
            }
            int resealed = 0;
            for (R row : rows) {
                resealed += reseal(row);
            }
            return Optional.of(new Batch(rows.getLast().id(), resealed));
        });
    }
}
