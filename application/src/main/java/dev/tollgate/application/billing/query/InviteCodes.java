package dev.tollgate.application.billing.query;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every user's invite code: the first 10 characters (50 bits) of the base-32 HMAC-SHA256 of their id under the
 * installation's invite key. Stable (the same user always has the same code, on every node), not guessable from a
 * user id (the key is secret; the root user's id is well known), and nothing to store.
 */
public final class InviteCodes {
    private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 10;

    private final SecretKeySpec key;

    public InviteCodes(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalStateException("the invite key must have at least 256 bits");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    public String codeOf(String userId) {
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            mac = hmac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
        StringBuilder code = new StringBuilder(LENGTH);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (mac[i] & 0xff);
        }
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET[(int) ((bits >>> (59 - 5 * i)) & 31)]);
        }
        return code.toString();
    }

    /** A code as a person may type it: surrounding spaces and lower case are forgiven. */
    public static String normalise(String code) {
        return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
    }
}
