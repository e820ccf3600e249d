package dev.tollgate.adapter.out.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A service-account key made in the test (an RSA pair generated once), JWT checks and a clock that can move. */
final class ServiceAccountFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLIENT_EMAIL = "tollgate-relay@proj-from-key.iam.gserviceaccount.com";
    static final String KEY_ID = "3f1c9a0d7e5b4c2a8f6e1d0b9c8a7f6e5d4c3b2a";
    static final String PROJECT = "proj-from-key";
    static final KeyPair KEYS = generate();

    private ServiceAccountFixture() {}

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PKCS#8 PEM of the private key, as Google writes it in a key file. */
    static String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    /** A service-account JSON key whose token_uri is {@code tokenUri}. */
    static String keyJson(String tokenUri) {
        Map<String, String> key = new HashMap<>();
        key.put("type", "service_account");
        key.put("project_id", PROJECT);
        key.put("private_key_id", KEY_ID);
        key.put("private_key", privateKeyPem());
        key.put("client_email", CLIENT_EMAIL);
        key.put("client_id", "109876543210987654321");
        key.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        key.put("token_uri", tokenUri);
        key.put("universe_domain", "googleapis.com");
        try {
            return JSON.writeValueAsString(key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The form fields of a token request body. */
    static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** A decoded JWT whose signature verified with the fixture's public key. */
    record Jwt(JsonNode header, JsonNode claims) {}

    /** Verifies an RS256 JWT with the public key; fails when the signature does not verify. */
    static Jwt verify(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWT: " + parts.length + " parts");
        }
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KEYS.getPublic());
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
            throw new AssertionError("the JWT signature does not verify");
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        return new Jwt(JSON.readTree(decoder.decode(parts[0])), JSON.readTree(decoder.decode(parts[1])));
    }

    /** A token endpoint answer. */
    static String tokenAnswer(String token, long expiresIn) {
        return "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}";
    }

    /** A clock fixed at one instant that the test moves forward. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(i -> i.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
