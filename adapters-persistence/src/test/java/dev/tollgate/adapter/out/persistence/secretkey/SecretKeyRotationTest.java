package dev.tollgate.adapter.out.persistence.secretkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.channel.ChannelSecretPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.adapter.out.persistence.notification.WebhookPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.settings.SecretSettingsPersistenceAdapter;
import dev.tollgate.application.notification.port.out.WebhookPort.Webhook;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotating the secret key in place on real PostgreSQL, each test on a database of its own: the secrets of every table
 * sealed with the old key open during the rotation, are sealed again with the new key (in batches, shared by two
 * nodes at once, idempotently), then open with the new key alone; a stored secret of a key that is not configured
 * stops the start with a message naming the setting; no secret reaches the log.
 */
@ExtendWith({EmbeddedPostgresSupport.class, OutputCaptureExtension.class})
class SecretKeyRotationTest {
    private static final String OLD = randomKey();
    private static final String NEW = randomKey();

    private final String database = "rotation_" + UUID.randomUUID().toString().replace("-", "");
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretKeyring keyring(String current, String previous) {
        return SecretKeyring.fromConfiguredOrFile(current, previous, null);
    }

    @BeforeEach
    void aDatabaseOfItsOwn() {
        EmbeddedPostgresSupport.jdbc().execute("create database " + database);
        String url = EmbeddedPostgresSupport.jdbcUrl();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.substring(0, url.lastIndexOf('/') + 1) + database);
        config.setUsername(EmbeddedPostgresServer.USER);
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        EmbeddedPostgresSupport.migrate(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void dropIt() {
        dataSource.close();
        EmbeddedPostgresSupport.jdbc().execute("drop database " + database);
    }

    /** The clear values stored under the old key, by where they live. */
    private record Stored(Map<String, List<String>> channelKeys, Map<String, byte[]> settings, String webhook) {}

    private Stored storeUnderTheOldKey(int channels) {
        SecretKeyring old = keyring(OLD, null);
        ChannelSecretPersistenceAdapter channelSecrets = new ChannelSecretPersistenceAdapter(jdbc, old);
        Map<String, List<String>> keys = new TreeMap<>();
        for (int i = 0; i < channels; i++) {
            String id = "ch-" + i;
            keys.put(id, List.of("sk-upstream-" + UUID.randomUUID()));
        }
        keys.put("integration:mail", List.of("smtp-password-" + UUID.randomUUID()));
        keys.forEach(channelSecrets::store);
        SecretSettingsPersistenceAdapter settings = new SecretSettingsPersistenceAdapter(jdbc, old);
        byte[] signingKey = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        settings.findOrCreate("auth.signing-key", () -> signingKey);
        String webhookSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        new WebhookPersistenceAdapter(jdbc, old)
                .add(
                        new Webhook("wh_1", null, "https://hooks.example.test/x", Instant.now()),
                        webhookSecret.getBytes(StandardCharsets.US_ASCII));
        return new Stored(keys, Map.of("auth.signing-key", signingKey), webhookSecret);
    }

    private void assertEverythingOpensWith(SecretKeyring keyring, Stored stored) {
        ChannelSecretPersistenceAdapter channelSecrets = new ChannelSecretPersistenceAdapter(jdbc, keyring);
        stored.channelKeys()
                .forEach((id, keys) -> assertThat(channelSecrets.load(id)).isEqualTo(keys));
        SecretSettingsPersistenceAdapter settings = new SecretSettingsPersistenceAdapter(jdbc, keyring);
        stored.settings()
                .forEach((name, value) -> assertThat(settings.findOrCreate(name, () -> new byte[] {1}))
                        .isEqualTo(value));
        assertThat(new WebhookPersistenceAdapter(jdbc, keyring).targets("org-x", 10))
                .singleElement()
                .satisfies(t -> assertThat(new String(t.secret(), StandardCharsets.US_ASCII))
                        .isEqualTo(stored.webhook()));
    }

    @Test
    void givenSecretsSealedWithTheOldKey_whenRotated_thenTheyOpenWithTheNewKeyAloneAndCarryItsId(CapturedOutput log) {
        // given
        Stored stored = storeUnderTheOldKey(7);
        SecretKeyring rotating = keyring(NEW, OLD);
        SecretKeyRotation rotation = new SecretKeyRotation(jdbc, transactions, rotating);
        String oldId = keyring(OLD, null).keyId();
        String newId = keyring(NEW, null).keyId();

        // when: started with the new key and the old one as previous, everything opens, then is sealed again
        rotation.requireOpenable();
        assertEverythingOpensWith(rotating, stored);
        SecretKeyRotation.Outcome first = rotation.resealAll(3);
        SecretKeyRotation.Outcome again = rotation.resealAll(3);

        // then
        assertThat(first.resealed())
                .containsEntry("channel_secret", 8)
                .containsEntry("setting", 1)
                .containsEntry("notification_webhook", 1);
        assertThat(first.remaining()).isEmpty();
        assertThat(again.total()).isZero();
        assertThat(rotation.countsByKeyId()).containsOnlyKeys(newId);
        assertThat(jdbc.queryForList("select distinct key_id from channel_secret", String.class))
                .containsExactly(newId);
        assertThat(jdbc.queryForObject("select value from setting where name = 'auth.signing-key'", String.class))
                .startsWith(SecretSettingsPersistenceAdapter.PREFIX + newId + ":");
        assertThat(jdbc.queryForObject("select secret from notification_webhook", String.class))
                .startsWith(newId + ":");
        assertEverythingOpensWith(keyring(NEW, null), stored);
        new SecretKeyRotation(jdbc, transactions, keyring(NEW, null)).requireOpenable();
        assertThat(log.getAll())
                .contains("sealed 10 stored secret(s) again with the secret key of id " + newId)
                .contains(oldId + ") may be removed")
                .doesNotContain(stored.webhook())
                .doesNotContain(OLD)
                .doesNotContain(NEW);
        stored.channelKeys().values().forEach(keys -> assertThat(log.getAll()).doesNotContain(keys.getFirst()));
    }

    @Test
    void givenSecretsOfTheOldKey_whenStartedWithTheNewKeyAndNoPrevious_thenTheErrorNamesThePreviousKeySetting() {
        // given
        storeUnderTheOldKey(2);
        String oldId = keyring(OLD, null).keyId();

        // when / then
        assertThatThrownBy(() -> new SecretKeyRotation(jdbc, transactions, keyring(NEW, null)).requireOpenable())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5 stored secret(s) cannot be opened")
                .hasMessageContaining("another secret key (id " + oldId + ")")
                .hasMessageContaining("tollgate.secret-key-previous (TOLLGATE_SECRET_KEY_PREVIOUS)")
                .hasMessageNotContaining(OLD)
                .hasMessageNotContaining(NEW);
    }

    @Test
    void givenSecretsOfTheOldKey_whenTheConfiguredPreviousKeyIsAnother_thenTheStartFailsNamingBothKeyIds() {
        // given
        storeUnderTheOldKey(1);
        SecretKeyring wrong = keyring(NEW, randomKey());

        // when / then
        assertThatThrownBy(() -> new SecretKeyRotation(jdbc, transactions, wrong).requireOpenable())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "another secret key (id " + keyring(OLD, null).keyId() + ")")
                .hasMessageContaining("the key of tollgate.secret-key-previous (TOLLGATE_SECRET_KEY_PREVIOUS) has id "
                        + wrong.previousKeyId().orElseThrow());
        assertThat(jdbc.queryForList("select distinct key_id from channel_secret", String.class))
                .containsExactly(keyring(OLD, null).keyId());
    }

    @Test
    void givenAPreviousKeyThatIsNotBase64_whenTheKeyringIsMade_thenTheErrorNamesTheSetting() {
        assertThatThrownBy(() -> keyring(NEW, "not base64!"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "tollgate.secret-key-previous (TOLLGATE_SECRET_KEY_PREVIOUS) is not valid base64");
        assertThatThrownBy(() -> keyring(NEW, Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tollgate.secret-key-previous (TOLLGATE_SECRET_KEY_PREVIOUS) must be 32 bytes");
    }

    @Test
    void givenTwoNodesRotatingAtOnce_whenBothReseal_thenEverySecretIsSealedAgainOnceAndOpens() throws Exception {
        // given
        Stored stored = storeUnderTheOldKey(60);
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<SecretKeyRotation.Outcome>> nodes = new ArrayList<>();

        // when
        for (int node = 0; node < 2; node++) {
            SecretKeyRotation rotation = new SecretKeyRotation(jdbc, transactions, keyring(NEW, OLD));
            nodes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return rotation.resealAll(4);
            }));
        }
        int total = 0;
        for (CompletableFuture<SecretKeyRotation.Outcome> node : nodes) {
            total += node.get().total();
        }

        // then: 61 rows of channel_secret, a setting and a webhook; a row left locked by one is taken by the other
        assertThat(total).isEqualTo(63);
        assertThat(new SecretKeyRotation(jdbc, transactions, keyring(NEW, OLD)).countsByKeyId())
                .containsOnlyKeys(keyring(NEW, null).keyId());
        assertEverythingOpensWith(keyring(NEW, null), stored);
    }
}
