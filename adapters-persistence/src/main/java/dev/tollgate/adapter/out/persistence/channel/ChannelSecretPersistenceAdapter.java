package dev.tollgate.adapter.out.persistence.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upstream keys of channels, AES-256-GCM encrypted in {@code channel_secret}: the keys as a JSON array of strings,
 * encrypted with the {@link SecretKeyring}'s master key, a fresh random 12-byte nonce per write, a 128-bit tag and the
 * channel id as associated data (a ciphertext moved to another channel fails to decrypt). Messages name the channel,
 * never a key; a cause that could quote the clear text is not chained.
 */
public class ChannelSecretPersistenceAdapter implements ChannelSecretPort {
    private static final TypeReference<List<String>> KEYS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final SecretKeyring keyring;
    private final ObjectMapper mapper = new ObjectMapper();

    public ChannelSecretPersistenceAdapter(JdbcTemplate jdbc, SecretKeyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    @Override
    public void store(String channelId, List<String> keys) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the keys of channel " + channelId + " as JSON");
        }
        SecretKeyring.Sealed sealed = keyring.seal(json, context(channelId));
        jdbc.update(
                """
                insert into channel_secret (channel_id, key_id, nonce, ciphertext, updated_at) values (?, ?, ?, ?, ?)
                on conflict (channel_id) do update set key_id = excluded.key_id, nonce = excluded.nonce,
                    ciphertext = excluded.ciphertext, updated_at = excluded.updated_at""",
                channelId,
                sealed.keyId(),
                sealed.nonce(),
                sealed.ciphertext(),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public List<String> load(String channelId) {
        List<SecretKeyring.Sealed> rows = jdbc.query(
                "select key_id, nonce, ciphertext from channel_secret where channel_id = ?",
                (rs, n) -> new SecretKeyring.Sealed(rs.getString(1), rs.getBytes(2), rs.getBytes(3)),
                channelId);
        if (rows.isEmpty()) {
            return List.of();
        }
        byte[] json = keyring.open(rows.getFirst(), context(channelId), "the keys of channel " + channelId);
        try {
            return List.copyOf(mapper.readValue(json, KEYS));
        } catch (IOException e) {
            throw new IllegalStateException("the stored keys of channel " + channelId + " are not a JSON list");
        }
    }

    /** The associated data of a row: its id, so that a ciphertext moved to another row fails to open. */
    public static String context(String channelId) {
        return channelId;
    }
}
