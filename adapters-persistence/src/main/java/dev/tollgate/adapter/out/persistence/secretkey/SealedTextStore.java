package dev.tollgate.adapter.out.persistence.secretkey;

import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.adapter.out.persistence.channel.SecretKeyring.Sealed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A text column holding {@code <prefix><key id>:<nonce>:<ciphertext>} ({@link Sealed#text()}): the sealed settings
 * ({@code setting.value}, prefix {@code sealed:v1:}; other rows of the table are not secrets) and the webhooks'
 * secrets ({@code notification_webhook.secret}, no prefix). A row is replaced only while it still holds the text that
 * was read (compare-and-set), so a concurrent edit is never overwritten. Table and column names are constants of this
 * module, never input.
 */
final class SealedTextStore extends SealedStore<SealedTextStore.Row> {
    record Row(String id, String text) implements SealedStore.Row {}

    private final JdbcTemplate jdbc;
    private final SecretKeyring keyring;
    private final String table;
    private final String idColumn;
    private final String valueColumn;
    private final String prefix;
    private final UnaryOperator<String> context;

    SealedTextStore(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            SecretKeyring keyring,
            String table,
            String idColumn,
            String valueColumn,
            String prefix,
            UnaryOperator<String> context) {
        super(transactions);
        this.jdbc = jdbc;
        this.keyring = keyring;
        this.table = table;
        this.idColumn = idColumn;
        this.valueColumn = valueColumn;
        this.prefix = prefix;
        this.context = context;
    }

    @Override
    String table() {
        return table;
    }

    @Override
    Map<String, Long> countsByKeyId() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query(
                "select split_part(substr(" + valueColumn + ", ?), ':', 1) as key_id, count(*) from " + table
                        + " where starts_with(" + valueColumn + ", ?) group by key_id order by key_id",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                },
                prefix.length() + 1,
                prefix);
        return counts;
    }

    @Override
    List<Row> lock(String fromKeyId, String after, int limit) {
        return jdbc.query(
                "select " + idColumn + ", " + valueColumn + " from " + table + " where starts_with(" + valueColumn
                        + ", ?) and " + idColumn + " > ? order by " + idColumn + " limit ? for update skip locked",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2)),
                prefix + fromKeyId + ":",
                after,
                limit);
    }

    @Override
    int reseal(Row row) {
        String what = "the secret " + row.id() + " of " + table;
        Sealed sealed = Sealed.parse(row.text().substring(prefix.length()), what);
        String rowContext = context.apply(row.id());
        String again = prefix
                + keyring.seal(keyring.open(sealed, rowContext, what), rowContext)
                        .text();
        return jdbc.update(
                "update " + table + " set " + valueColumn + " = ? where " + idColumn + " = ? and " + valueColumn
                        + " = ?",
                again,
                row.id(),
                row.text());
    }
}
