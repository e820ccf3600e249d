package dev.tollgate.adapter.out.persistence.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(EmbeddedPostgresSupport.class)
class SecretSettingsPersistenceAdapterTest {
    private final JdbcTemplate jdbc = EmbeddedPostgresSupport.jdbc();
    private final SecretKeyring keyring = SecretKeyring.fromConfiguredOrFile(randomBase64(32), null);
    private final SecretSettingsPersistenceAdapter secrets = new SecretSettingsPersistenceAdapter(jdbc, keyring);

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }

    private static String randomBase64(int bytes) {
        return Base64.getEncoder().encodeToString(random(bytes));
    }

    private String stored(String name) {
        return jdbc.queryForObject("select value from setting where name = ?", String.class, name);
    }

    @Test
    void givenNoSecret_whenCreated_thenItIsStoredSealedAndEveryReadGetsTheSameValue() {
        // given
        String name = "test-secret-" + UUID.randomUUID();
        byte[] secret = random(48);

        // when
        byte[] created = secrets.findOrCreate(name, () -> secret);
        byte[] again = secrets.findOrCreate(name, () -> random(48));

        // then
        assertThat(created).isEqualTo(secret);
        assertThat(again).isEqualTo(secret);
        String row = stored(name);
        assertThat(row)
                .startsWith(SecretSettingsPersistenceAdapter.PREFIX)
                .doesNotContain(Base64.getEncoder().encodeToString(secret));
    }

    @Test
    void givenASecretAnOlderVersionStoredInClear_whenRead_thenItIsSealedInPlaceAndKeepsItsValue() {
        // given
        String name = "test-secret-" + UUID.randomUUID();
        byte[] legacy = random(48);
        String clear = Base64.getEncoder().encodeToString(legacy);
        jdbc.update(
                "insert into setting (name, value, created_at) values (?, ?, ?)", name, clear, OffsetDateTime.now());

        // when
        byte[] read = secrets.findOrCreate(name, () -> random(48));

        // then
        assertThat(read).isEqualTo(legacy);
        assertThat(stored(name))
                .startsWith(SecretSettingsPersistenceAdapter.PREFIX)
                .doesNotContain(clear);
        assertThat(secrets.findOrCreate(name, () -> random(48))).isEqualTo(legacy);
    }

    @Test
    void givenASealedSecretCopiedUnderAnotherName_whenRead_thenItDoesNotOpen() {
        // given
        String original = "test-secret-" + UUID.randomUUID();
        String copy = "test-secret-" + UUID.randomUUID();
        secrets.findOrCreate(original, () -> random(48));
        jdbc.update(
                "insert into setting (name, value, created_at) values (?, ?, ?)",
                copy,
                stored(original),
                OffsetDateTime.now());

        // when / then
        assertThatThrownBy(() -> secrets.findOrCreate(copy, () -> random(48)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the setting " + copy + " cannot be decrypted");
    }

    @Test
    void givenASecretSealedUnderAnotherMasterKey_whenRead_thenRefusedNamingTheSettingNotTheSecret() {
        // given
        String name = "test-secret-" + UUID.randomUUID();
        byte[] secret = random(48);
        secrets.findOrCreate(name, () -> secret);
        SecretSettingsPersistenceAdapter otherInstallation =
                new SecretSettingsPersistenceAdapter(jdbc, SecretKeyring.fromConfiguredOrFile(randomBase64(32), null));

        // when / then
        assertThatThrownBy(() -> otherInstallation.findOrCreate(name, () -> random(48)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "the setting " + name + " cannot be opened: it was encrypted with another secret key")
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(secret));
    }
}
