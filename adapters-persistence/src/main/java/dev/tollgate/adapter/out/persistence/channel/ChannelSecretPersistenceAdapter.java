package dev.tollgate.adapter.out.persistence.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.channel.port.out.ChannelSecretPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upstream keys of channels, AES-256-GCM encrypted in {@code channel_secret}: the keys as a JSON array of strings,
 * encrypted with the {@link SecretKeyring}'s master key, a fresh random 12-byte nonce per write, a 128-bit tag and the
 * channel id as associated data (a ciphertext moved to another channel fails to decrypt). Messages name the channel,
 * never a key; a cause that could quote the clear text is not chained.
 */
public class ChannelSecretPersistenceAdapter implements ChannelSecretPort {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final TypeReference<List<String>> KEYS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final SecretKeyring keyring;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    public ChannelSecretPersistenceAdapter(JdbcTemplate jdbc, SecretKeyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    @Override
    public void store(String channelId, List<String> keys) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyring.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
            ciphertext = cipher.doFinal(mapper.writeValueAsBytes(keys));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt the keys of channel " + channelId, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the keys of channel " + channelId + " as JSON");
        }
        jdbc.update("""
                insert into channel_secret (channel_id, key_id, nonce, ciphertext, updated_at) values (?, ?, ?, ?, ?)
                on conflict (channel_id) do update set key_id = excluded.key_id, nonce = excluded.nonce,
                    ciphertext = excluded.ciphertext, updated_at = excluded.updated_at""",
                channelId, keyring.keyId(), nonce, ciphertext, OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public List<String> load(String channelId) {
        List<Row> rows = jdbc.query("select key_id, nonce, ciphertext from channel_secret where channel_id = ?",
                (rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getBytes(3)), channelId);
        if (rows.isEmpty()) {
            return List.of();
        }
        Row row = rows.getFirst();
        if (!row.keyId().equals(keyring.keyId())) {
            throw new IllegalStateException("the keys of channel " + channelId + " were encrypted with another "
                    + "secret key (id " + row.keyId() + "); configure the secret key this installation was set up with");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keyring.key(), new GCMParameterSpec(TAG_BITS, row.nonce()));
            cipher.updateAAD(channelId.getBytes(StandardCharsets.UTF_8));
            return List.copyOf(mapper.readValue(cipher.doFinal(row.ciphertext()), KEYS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored keys of channel " + channelId + " cannot be decrypted", e);
        } catch (IOException e) {
            throw new IllegalStateException("the stored keys of channel " + channelId + " are not a JSON list");
        }
    }

    private record Row(String keyId, byte[] nonce, byte[] ciphertext) {
    }
}
