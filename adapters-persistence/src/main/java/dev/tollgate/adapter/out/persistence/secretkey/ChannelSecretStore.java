package dev.tollgate.adapter.out.persistence.secretkey;

import dev.tollgate.adapter.out.persistence.channel.ChannelSecretPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.adapter.out.persistence.channel.SecretKeyring.Sealed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code channel_secret}: channels' upstream keys, proxies' credentials and the integrations' secrets (SMTP password,
 * sign-in client secrets), the key id in a column of its own. A row is replaced only while it still holds the
 * ciphertext that was read (compare-and-set on key id and nonce), so a concurrent edit is never overwritten.
 */
final class ChannelSecretStore extends SealedStore<ChannelSecretStore.Row> {
    record Row(String id, Sealed sealed) implements SealedStore.Row {}

    private final JdbcTemplate jdbc;
    private final SecretKeyring keyring;

    ChannelSecretStore(JdbcTemplate jdbc, TransactionTemplate transactions, SecretKeyring keyring) {
        super(transactions);
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    @Override
    String table() {
        return "channel_secret";
    }

    @Override
    Map<String, Long> countsByKeyId() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("select key_id, count(*) from channel_secret group by key_id order by key_id", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    @Override
    List<Row> lock(String fromKeyId, String after, int limit) {
        return jdbc.query(
                """
                select channel_id, key_id, nonce, ciphertext from channel_secret
                where key_id = ? and channel_id > ? order by channel_id limit ? for update skip locked""",
                (rs, n) -> new Row(rs.getString(1), new Sealed(rs.getString(2), rs.getBytes(3), rs.getBytes(4))),
                fromKeyId,
                after,
                limit);
    }

    @Override
    int reseal(Row row) {
        String context = ChannelSecretPersistenceAdapter.context(row.id());
        byte[] clear = keyring.open(row.sealed(), context, "the secret " + row.id() + " of channel_secret");
        Sealed again = keyring.seal(clear, context);
        return jdbc.update(
                "update channel_secret set key_id = ?, nonce = ?, ciphertext = ? "
                        + "where channel_id = ? and key_id = ? and nonce = ?",
                again.keyId(),
                again.nonce(),
                again.ciphertext(),
                row.id(),
                row.sealed().keyId(),
                row.sealed().nonce());
    }
}
