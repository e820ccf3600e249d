package dev.tollgate.adapter.out.persistence.channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 master key that encrypts upstream credentials at rest: {@code tollgate.secret-key} (base64 of 32
 * bytes) when configured, else a key file {@code <dataDir>/secret.key} created on first use, readable and writable by
 * its owner only ({@code rw-------}). The key id (hex of the first 8 bytes of the key's SHA-256) is stored beside each
 * ciphertext so that a wrong key is reported as such. The key itself is never logged nor put in a message.
 *
 * <p>While the key is being rotated, {@code tollgate.secret-key-previous} names the key it replaces: what was sealed
 * with either opens, everything new is sealed with the current key (docs/security.md, "Rotating the secret key").
 */
public final class SecretKeyring {
    static final String KEY_FILE = "secret.key";
    /** The setting and the environment variable of the current key, as messages name them. */
    public static final String CURRENT_SETTING = "tollgate.secret-key (TOLLGATE_SECRET_KEY)";
    /** The setting and the environment variable of the key being rotated out, as messages name them. */
    public static final String PREVIOUS_SETTING = "tollgate.secret-key-previous (TOLLGATE_SECRET_KEY_PREVIOUS)";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyId;
    private final Optional<SecretKeyring> previous;

    private SecretKeyring(byte[] raw, String source) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(
                    source + " must be 32 bytes (base64 of 32 random bytes), found " + raw.length + " bytes");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.keyId = idOf(raw);
        this.previous = Optional.empty();
    }

    private SecretKeyring(SecretKeyring current, SecretKeyring previous) {
        this.key = current.key;
        this.keyId = current.keyId;
        this.previous = previous.keyId.equals(current.keyId) ? Optional.empty() : Optional.of(previous);
    }

    private static String idOf(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The configured key when {@code configuredBase64} has text, otherwise the key of {@code <dataDir>/secret.key},
     * which is created (atomically, owner-only) when it does not exist yet.
     */
    public static SecretKeyring fromConfiguredOrFile(String configuredBase64, Path dataDir) {
        if (configuredBase64 != null && !configuredBase64.isBlank()) {
            return new SecretKeyring(decode(configuredBase64, CURRENT_SETTING), CURRENT_SETTING);
        }
        Path file = dataDir.toAbsolutePath().normalize().resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String source = "the key file " + file;
            return new SecretKeyring(decode(Files.readString(file, StandardCharsets.US_ASCII), source), source);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the secret key file " + file, e);
        }
    }

    /**
     * As {@link #fromConfiguredOrFile(String, Path)}, and, when {@code previousBase64} has text, that key too for
     * opening what was sealed before the rotation. A previous key equal to the current one is ignored.
     */
    public static SecretKeyring fromConfiguredOrFile(String configuredBase64, String previousBase64, Path dataDir) {
        SecretKeyring current = fromConfiguredOrFile(configuredBase64, dataDir);
        if (previousBase64 == null || previousBase64.isBlank()) {
            return current;
        }
        return new SecretKeyring(
                current, new SecretKeyring(decode(previousBase64, PREVIOUS_SETTING), PREVIOUS_SETTING));
    }

    /**
     * Writes a fresh key to a private temporary file, then links it to its final name: a reader never sees a
     * half-written key, and when two processes race the first link wins and both use that key.
     */
    private static void create(Path file) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        Path temporary = Files.createTempFile(dir, KEY_FILE + ".", ".tmp", ownerOnly(dir));
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            link(temporary, file);
        } catch (FileAlreadyExistsException raceLost) {
            return;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void link(Path temporary, Path file) throws IOException {
        try {
            Files.createLink(file, temporary);
        } catch (UnsupportedOperationException noHardLinks) {
            Files.move(temporary, file);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64 (expected the base64 of 32 random bytes)");
        }
    }

    /** The id of the key everything is sealed with. */
    public String keyId() {
        return keyId;
    }

    /** The id of the key being rotated out, when one is configured. */
    public Optional<String> previousKeyId() {
        return previous.map(SecretKeyring::keyId);
    }

    /** Whether what was sealed with the key of this id opens. */
    public boolean opens(String sealedKeyId) {
        return keyId.equals(sealedKeyId)
                || previousKeyId().filter(sealedKeyId::equals).isPresent();
    }

    /**
     * Why a secret sealed with the key of this id cannot be opened, naming the settings an operator sets: the key it
     * was sealed with must be {@code tollgate.secret-key} or, while rotating, {@code tollgate.secret-key-previous}.
     */
    public String unknownKeyAdvice(String sealedKeyId) {
        return "it was encrypted with another secret key (id " + sealedKeyId + "); the key of " + CURRENT_SETTING
                + " has id " + keyId
                + previousKeyId()
                        .map(id -> " and the key of " + PREVIOUS_SETTING + " has id " + id)
                        .orElse("")
                + ": configure the key this installation was set up with as " + CURRENT_SETTING
                + ", or, while rotating to a new key, as " + PREVIOUS_SETTING;
    }

    SecretKey key() {
        return key;
    }

    /**
     * {@code clear} encrypted with AES-256-GCM under the master key: a fresh random 12-byte nonce, a 128-bit tag and
     * {@code context} as associated data, so that a ciphertext moved to another row fails to open.
     */
    public Sealed seal(byte[] clear, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keyId, nonce, cipher.doFinal(clear));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt " + context, e);
        }
    }

    /**
     * What {@link #seal} made for the same {@code context}. A ciphertext of another master key, or of another context,
     * or altered, is an {@link IllegalStateException} that names {@code what} and the key id, never the secret.
     */
    public byte[] open(Sealed sealed, String context, String what) {
        SecretKey opening;
        if (sealed.keyId().equals(keyId)) {
            opening = key;
        } else if (previous.isPresent() && sealed.keyId().equals(previous.get().keyId)) {
            opening = previous.get().key;
        } else {
            throw new IllegalStateException(what + " cannot be opened: " + unknownKeyAdvice(sealed.keyId()));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, opening, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(what + " cannot be decrypted", e);
        }
    }

    /** A sealed secret: the master key's id, the nonce and the ciphertext with its tag. */
    public record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
        /** As one text column: {@code <key id>:<nonce>:<ciphertext>}, the last two in base64. */
        public String text() {
            return keyId + ":" + Base64.getEncoder().encodeToString(nonce) + ":"
                    + Base64.getEncoder().encodeToString(ciphertext);
        }

        /** What {@link #text()} wrote; an {@link IllegalStateException} naming {@code what} for anything else. */
        public static Sealed parse(String text, String what) {
            String[] parts = text.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalStateException(what + " is not a sealed secret");
            }
            return new Sealed(
                    parts[0],
                    Base64.getDecoder().decode(parts[1]),
                    Base64.getDecoder().decode(parts[2]));
        }
    }
}
