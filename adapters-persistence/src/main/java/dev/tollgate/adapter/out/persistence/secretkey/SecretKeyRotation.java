package dev.tollgate.adapter.out.persistence.secretkey;

import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.adapter.out.persistence.notification.WebhookPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.settings.SecretSettingsPersistenceAdapter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every secret stored sealed with the installation's secret key, in {@code channel_secret} (channels' keys, proxies'
 * credentials, the SMTP password, sign-in client secrets), {@code setting} (the session signing key, the invite codes'
 * key) and {@code notification_webhook} (webhook secrets), and the two jobs of a key rotation:
 *
 * <ul>
 *   <li>{@link #requireOpenable()} at start: every key id in use must be the current key's or the previous key's, else
 *       the start fails with a message naming the setting to configure (nothing is read in clear before that);
 *   <li>{@link #resealAll(int)}: seals every secret of the previous key again with the current one, in batches of one
 *       transaction each, skipping rows another node holds (so N nodes share the work), each row replaced only while
 *       it still holds what was read. Running it again changes nothing.
 * </ul>
 *
 * Logs name tables, counts and key ids, never a secret.
 */
public class SecretKeyRotation {
    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyRotation.class);

    /** What {@link #resealAll(int)} did: secrets sealed again per table, and those still under another key. */
    public record Outcome(Map<String, Integer> resealed, Map<String, Long> remaining) {
        public int total() {
            return resealed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final SecretKeyring keyring;
    private final List<SealedStore<?>> stores;

    public SecretKeyRotation(JdbcTemplate jdbc, TransactionTemplate transactions, SecretKeyring keyring) {
        this.keyring = keyring;
        this.stores = List.of(
                new ChannelSecretStore(jdbc, transactions, keyring),
                new SealedTextStore(
                        jdbc,
                        transactions,
                        keyring,
                        "setting",
                        "name",
                        "value",
                        SecretSettingsPersistenceAdapter.PREFIX,
                        SecretSettingsPersistenceAdapter::context),
                new SealedTextStore(
                        jdbc,
                        transactions,
                        keyring,
                        "notification_webhook",
                        "id",
                        "secret",
                        "",
                        WebhookPersistenceAdapter::context));
    }

    /** How many stored secrets each key id sealed, over every table. */
    public Map<String, Long> countsByKeyId() {
        Map<String, Long> counts = new TreeMap<>();
        for (SealedStore<?> store : stores) {
            store.countsByKeyId().forEach((keyId, count) -> counts.merge(keyId, count, Long::sum));
        }
        return counts;
    }

    /**
     * Fails when a stored secret was sealed with a key that is neither {@code tollgate.secret-key} nor
     * {@code tollgate.secret-key-previous}, naming both settings and the key ids involved.
     */
    public void requireOpenable() {
        Map<String, Long> unknown = new TreeMap<>();
        countsByKeyId().forEach((keyId, count) -> {
            if (!keyring.opens(keyId)) {
                unknown.put(keyId, count);
            }
        });
        if (!unknown.isEmpty()) {
            Map.Entry<String, Long> first = unknown.entrySet().iterator().next();
            throw new IllegalStateException(first.getValue() + " stored secret(s) cannot be opened: "
                    + keyring.unknownKeyAdvice(first.getKey())
                    + (unknown.size() > 1 ? " (stored secrets use the unknown key ids " + unknown.keySet() + ")" : ""));
        }
        keyring.previousKeyId()
                .filter(previous -> !countsByKeyId().containsKey(previous))
                .ifPresent(previous -> LOG.info(
                        "no stored secret is sealed with the previous secret key (id {}) any more: {} may be removed",
                        previous,
                        SecretKeyring.PREVIOUS_SETTING));
    }

    /**
     * Seals every secret of the previous key again with the current key, {@code batchSize} rows per transaction;
     * nothing without a previous key.
     */
    public Outcome resealAll(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        Map<String, Integer> resealed = new LinkedHashMap<>();
        Optional<String> previous = keyring.previousKeyId();
        for (SealedStore<?> store : stores) {
            int count = 0;
            String after = null;
            Optional<SealedStore.Batch> batch = previous.flatMap(id -> store.resealAfter(id, null, batchSize));
            while (batch.isPresent()) {
                count += batch.get().resealed();
                after = batch.get().lastId();
                String last = after;
                batch = previous.flatMap(id -> store.resealAfter(id, last, batchSize));
            }
            resealed.put(store.table(), count);
        }
        Map<String, Long> remaining = new TreeMap<>(countsByKeyId());
        remaining.remove(keyring.keyId());
        Outcome outcome = new Outcome(resealed, remaining);
        if (outcome.total() > 0) {
            LOG.info(
                    "sealed {} stored secret(s) again with the secret key of id {}: {}",
                    outcome.total(),
                    keyring.keyId(),
                    resealed);
        }
        if (remaining.isEmpty()) {
            previous.ifPresent(id -> LOG.info(
                    "every stored secret is sealed with the secret key of id {}: {} (id {}) may be removed",
                    keyring.keyId(),
                    SecretKeyring.PREVIOUS_SETTING,
                    id));
        } else {
            LOG.warn(
                    "stored secrets still sealed with another key than id {} (by key id): {}; they are sealed again at"
                            + " the next start",
                    keyring.keyId(),
                    remaining);
        }
        return outcome;
    }
}
