package dev.tollgate.adapter.out.persistence.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.persistence.PostgresTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class ChannelSecretPersistenceAdapterTest {
    private final JdbcTemplate jdbc = PostgresTestSupport.jdbc();
    private final SecretKeyring keyring = SecretKeyring.fromConfiguredOrFile(null, PostgresTestSupport.dataDir());
    private final ChannelSecretPersistenceAdapter secrets = new ChannelSecretPersistenceAdapter(jdbc, keyring);

    @Test
    void givenStoredKeys_whenLoaded_thenTheyComeBackAndTheTableHoldsNoClearText() {
        // given
        String channel = UUID.randomUUID().toString();
        List<String> keys = List.of("sk-first-secret-key-0001", "sk-second-secret-key-0002");

        // when
        secrets.store(channel, keys);
        List<String> loaded = secrets.load(channel);

        // then
        assertThat(loaded).isEqualTo(keys);
        byte[] stored = jdbc.queryForObject("select ciphertext from channel_secret where channel_id = ?",
                byte[].class, channel);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("secret-key");
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
    void givenATamperedCiphertext_whenLoaded_thenItIsRefused() {
        // given
        String channel = UUID.randomUUID().toString();
        secrets.store(channel, List.of("sk-key-to-tamper-with"));
        jdbc.update("update channel_secret set ciphertext = set_byte(ciphertext, 0, (get_byte(ciphertext, 0) + 1) % 256) "
                + "where channel_id = ?", channel);

        // when / then
        assertThatThrownBy(() -> secrets.load(channel)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("sk-key-to-tamper-with");
    }

    @Test
    void givenACiphertextCopiedToAnotherChannel_whenLoaded_thenItIsRefused() {
        // given
        String original = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        secrets.store(original, List.of("sk-belongs-to-original"));
        jdbc.update("insert into channel_secret (channel_id, key_id, nonce, ciphertext, updated_at) "
                + "select ?, key_id, nonce, ciphertext, updated_at from channel_secret where channel_id = ?", other,
                original);

        // when / then
        assertThatThrownBy(() -> secrets.load(other)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenNoConfiguredKey_whenTheKeyringStarts_thenItCreatesAnOwnerOnlyKeyFileAndReusesIt(@TempDir Path dir)
            throws Exception {
        // when
        SecretKeyring first = SecretKeyring.fromConfiguredOrFile("", dir);
        SecretKeyring second = SecretKeyring.fromConfiguredOrFile(null, dir);

        // then
        Path file = dir.resolve("secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.keyId()).isEqualTo(second.keyId());
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
    }
}
