package dev.tollgate.adapter.out.persistence.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(EmbeddedPostgresSupport.class)
class ChannelSecretPersistenceAdapterTest {
    private final JdbcTemplate jdbc = EmbeddedPostgresSupport.jdbc();
    private final SecretKeyring keyring = SecretKeyring.fromConfiguredOrFile(null, EmbeddedPostgresSupport.dataDir());
    private final ChannelSecretPersistenceAdapter secrets = new ChannelSecretPersistenceAdapter(jdbc, keyring);

    private static String randomKeyBase64() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static boolean containsBytes(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void givenStoredKeys_whenLoaded_thenTheyComeBackAndTheRowHoldsNoClearText() {
        // given
        String channel = UUID.randomUUID().toString();
        List<String> keys = List.of("sk-first-secret-key-0001", "sk-second-secret-key-0002");

        // when
        secrets.store(channel, keys);
        List<String> loaded = secrets.load(channel);

        // then
        assertThat(loaded).isEqualTo(keys);
        Map<String, Object> row = jdbc.queryForMap("select * from channel_secret where channel_id = ?", channel);
        byte[] ciphertext = (byte[]) row.get("ciphertext");
        assertThat(containsBytes(ciphertext, "secret-key".getBytes(StandardCharsets.UTF_8)))
                .as("a clear key in the stored ciphertext")
                .isFalse();
        assertThat((byte[]) row.get("nonce")).hasSize(12);
        assertThat(row.get("key_id")).isEqualTo(keyring.keyId());
        assertThat(row.get("updated_at")).isNotNull();
    }

    @Test
    void givenTheSameKeysStoredTwice_whenTheRowsAreCompared_thenEachWriteUsedAFreshNonce() {
        // given
        String channel = UUID.randomUUID().toString();
        secrets.store(channel, List.of("sk-same-key"));
        byte[] firstNonce =
                jdbc.queryForObject("select nonce from channel_secret where channel_id = ?", byte[].class, channel);

        // when
        secrets.store(channel, List.of("sk-same-key"));

        // then
        byte[] secondNonce =
                jdbc.queryForObject("select nonce from channel_secret where channel_id = ?", byte[].class, channel);
        assertThat(secondNonce).isNotEqualTo(firstNonce);
        assertThat(secrets.load(channel)).containsExactly("sk-same-key");
    }

    @Test
    void givenReplacedKeys_whenLoaded_thenOnlyTheNewOnesComeBack() {
        // given
        String channel = UUID.randomUUID().toString();
        secrets.store(channel, List.of("sk-old-key-1234"));

        // when
        secrets.store(channel, List.of("sk-new-key-5678"));

        // then
        assertThat(secrets.load(channel)).containsExactly("sk-new-key-5678");
    }

    @Test
    void givenAChannelWithoutKeys_whenLoaded_thenTheListIsEmpty() {
        // when
        List<String> loaded = secrets.load(UUID.randomUUID().toString());

        // then
        assertThat(loaded).isEmpty();
    }

    @Test
    void givenATamperedCiphertext_whenLoaded_thenItIsRefusedWithoutQuotingTheKey() {
        // given
        String channel = UUID.randomUUID().toString();
        secrets.store(channel, List.of("sk-key-to-tamper-with"));
        jdbc.update(
                "update channel_secret set ciphertext = set_byte(ciphertext, 0, (get_byte(ciphertext, 0) + 1) % 256) "
                        + "where channel_id = ?",
                channel);

        // when / then
        assertThatThrownBy(() -> secrets.load(channel))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(channel)
                .hasMessageNotContaining("sk-key-to-tamper-with");
    }

    @Test
    void givenACiphertextCopiedToAnotherChannel_whenLoaded_thenTheAssociatedDataRefusesIt() {
        // given
        String original = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        secrets.store(original, List.of("sk-belongs-to-original"));
        jdbc.update(
                "insert into channel_secret (channel_id, key_id, nonce, ciphertext, updated_at) "
                        + "select ?, key_id, nonce, ciphertext, updated_at from channel_secret where channel_id = ?",
                other,
                original);

        // when / then
        assertThatThrownBy(() -> secrets.load(other))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void givenKeysEncryptedWithAnotherMasterKey_whenLoaded_thenTheErrorSaysTheSecretKeyIsWrong() {
        // given
        String channel = UUID.randomUUID().toString();
        new ChannelSecretPersistenceAdapter(jdbc, SecretKeyring.fromConfiguredOrFile(randomKeyBase64(), null))
                .store(channel, List.of("sk-under-another-master-key"));

        // when / then
        assertThatThrownBy(() -> secrets.load(channel))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another secret key");
    }

    @Test
    void givenNoConfiguredKey_whenTheKeyringStarts_thenItCreatesAnOwnerOnlyKeyFileAndReusesIt(@TempDir Path dir)
            throws Exception {
        // when
        SecretKeyring first = SecretKeyring.fromConfiguredOrFile("", dir);
        SecretKeyring second = SecretKeyring.fromConfiguredOrFile(null, dir);

        // then
        Path file = dir.resolve(SecretKeyring.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.keyId()).isEqualTo(second.keyId());
        assertThat(first.key().getEncoded()).isEqualTo(second.key().getEncoded());
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void givenAConfiguredKey_whenTheKeyringStarts_thenItIsUsedAndNoKeyFileIsCreated(@TempDir Path dir) {
        // given
        String configured = randomKeyBase64();

        // when
        SecretKeyring keyring = SecretKeyring.fromConfiguredOrFile(configured, dir);

        // then
        assertThat(keyring.key().getEncoded()).isEqualTo(Base64.getDecoder().decode(configured));
        assertThat(dir.resolve(SecretKeyring.KEY_FILE)).doesNotExist();
    }

    @Test
    void givenAConfiguredKeyOfTheWrongSizeOrNotBase64_whenTheKeyringStarts_thenItStopsWithoutQuotingTheKey() {
        // given
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        String notBase64 = "this-is-not-base64!";

        // when / then
        assertThatThrownBy(() -> SecretKeyring.fromConfiguredOrFile(tooShort, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(tooShort);
        assertThatThrownBy(() -> SecretKeyring.fromConfiguredOrFile(notBase64, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not valid base64")
                .hasMessageNotContaining(notBase64);
    }
}
