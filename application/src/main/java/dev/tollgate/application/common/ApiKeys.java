package dev.tollgate.application.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generates, hashes and masks API keys ({@code sk-} followed by 48 letters and digits from a CSPRNG). */
public final class ApiKeys {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SECRET_LENGTH = 48;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final MessageDigest SHA_256 = sha256();
    private static final HexFormat HEX = HexFormat.of();

    private ApiKeys() {}

    public static String generate() {
        StringBuilder sb = new StringBuilder(3 + SECRET_LENGTH).append("sk-");
        for (int i = 0; i < SECRET_LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** Hex SHA-256 of the whole key, the only form in which a key is stored. */
    public static String hash(String key) {
        MessageDigest digest;
        try {
            // a copy of a ready instance: cheaper than looking the algorithm up among the providers every time
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return HEX.formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code sk-Ab12...yZ90}: enough to recognise a key, useless to use it. */
    public static String mask(String key) {
        return key.substring(0, 7) + "..." + key.substring(key.length() - 4);
    }
}
