package dev.tollgate.adapter.out.persistence.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 master key that encrypts upstream credentials at rest: {@code tollgate.secret-key} (base64 of 32
 * bytes) when configured, else a key file {@code <dataDir>/secret.key} created on first use, readable by its owner
 * only. The key id (first 8 bytes of its SHA-256) is stored beside each ciphertext so that a wrong key is detected.
 */
public final class SecretKeyring {
    private final SecretKey key;
    private final String keyId;

    private SecretKeyring(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalStateException("the secret key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(raw, "AES");
        try {
            this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SecretKeyring fromConfiguredOrFile(String configuredBase64, Path dataDir) {
        if (configuredBase64 != null && !configuredBase64.isBlank()) {
            return new SecretKeyring(Base64.getDecoder().decode(configuredBase64.trim()));
        }
        Path file = dataDir.resolve("secret.key");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                } catch (FileAlreadyExistsException e) {
                    // another node created it first: use theirs
                }
            }
            return new SecretKeyring(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the secret key file " + file, e);
        }
    }

    SecretKey key() {
        return key;
    }

    String keyId() {
        return keyId;
    }
}
