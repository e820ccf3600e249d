package dev.tollgate.adapter.out.persistence;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where Tollgate keeps its files and the key that encrypts its secrets.
 *
 * @param dataDir the embedded PostgreSQL's data and the generated secret key live here
 * @param secretKey the AES-256 key (base64 of 32 bytes) that encrypts channel keys and the session signing key;
 *     blank: one is generated once into the data directory (docs/security.md, "Keys and their rotation")
 * @param secretKeyPrevious while rotating the secret key: the key it replaces, still accepted for opening what it
 *     sealed until every stored secret has been sealed again with the new one; blank otherwise
 */
@Validated
@ConfigurationProperties("tollgate")
public record StorageProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue("") String secretKey,
        @DefaultValue("") String secretKeyPrevious) {

    @Override
    public String toString() {
        return "StorageProperties[dataDir=" + dataDir + ", secretKey=" + (secretKey.isBlank() ? "" : "(set)")
                + ", secretKeyPrevious=" + (secretKeyPrevious.isBlank() ? "" : "(set)") + "]";
    }
}
