package dev.tollgate.adapter.out.persistence.settings;

import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.application.account.port.out.SecretSettingsPort;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Secrets in the {@code setting} table, sealed with the installation's {@link SecretKeyring} (AES-256-GCM, the
 * setting's name as associated data) and written as {@code sealed:v1:<key id>:<nonce>:<ciphertext>} (base64). The
 * first writer of a name wins, on every node. A value an older version stored in clear (the base64 of the secret) is
 * sealed in place on first read, keeping its value, so sessions signed before the upgrade stay valid.
 */
public class SecretSettingsPersistenceAdapter implements SecretSettingsPort {
    /** What every sealed value starts with, before {@code <key id>:<nonce>:<ciphertext>}. */
    public static final String PREFIX = "sealed:v1:";

    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final JdbcTemplate jdbc;
    private final SecretKeyring keyring;

    public SecretSettingsPersistenceAdapter(JdbcTemplate jdbc, SecretKeyring keyring) {
        this.jdbc = jdbc;
        this.keyring = keyring;
    }

    @Override
    public byte[] findOrCreate(String name, Supplier<byte[]> initialValue) {
        String stored = find(name);
        if (stored == null) {
            jdbc.update(
                    "insert into setting (name, value, created_at) values (?, ?, ?) on conflict (name) do nothing",
                    name,
                    write(name, initialValue.get()),
                    OffsetDateTime.now(ZoneOffset.UTC));
            stored = find(name);
        }
        if (!stored.startsWith(PREFIX)) {
            byte[] clear = DECODER.decode(stored.trim());
            // compare-and-set: when another node sealed it first, its (equal) value stays
            jdbc.update("update setting set value = ? where name = ? and value = ?", write(name, clear), name, stored);
            return clear;
        }
        return read(name, stored);
    }

    private String find(String name) {
        List<String> values = jdbc.query("select value from setting where name = ?", (rs, n) -> rs.getString(1), name);
        return values.isEmpty() ? null : values.getFirst();
    }

    private String write(String name, byte[] clear) {
        return PREFIX + keyring.seal(clear, context(name)).text();
    }

    private byte[] read(String name, String stored) {
        String what = "the setting " + name;
        return keyring.open(SecretKeyring.Sealed.parse(stored.substring(PREFIX.length()), what), context(name), what);
    }

    /** The associated data: a sealed setting copied to another name does not open. */
    public static String context(String name) {
        return "setting:" + name;
    }
}
