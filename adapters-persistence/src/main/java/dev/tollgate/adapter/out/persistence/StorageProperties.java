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
 */
@Validated
@ConfigurationProperties("tollgate")
public record StorageProperties(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue("") String secretKey) {

    @Override
    public String toString() {
        return "StorageProperties[dataDir=" + dataDir + ", secretKey=" + (secretKey.isBlank() ? "" : "(set)") + "]";
    }
}
