package dev.tollgate.adapter.out.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * OAuth 2.0 access tokens for Google service accounts (the JWT bearer grant): the service-account JSON key is
 * parsed, a JWT ({@code iss} = {@code client_email}, {@code scope} = cloud-platform, {@code aud} = {@code token_uri},
 * {@code iat}, {@code exp} one hour later) is signed with the key ({@code RS256}) and exchanged at the key's
 * {@code token_uri} for an access token.
 *
 * <p>Tokens are cached per {@code client_email} until {@value #REFRESH_MARGIN_SECONDS} s before they expire.
 * Thread-safe: callers for the same account wait for one refresh instead of each asking for a token.
 *
 * <p>Nothing secret (the key, the JWT, the access token) ever appears in an exception message.
 */
final class ServiceAccountTokens {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final long REFRESH_MARGIN_SECONDS = 60;
    /** The longest lifetime Google accepts for the assertion. */
    static final long ASSERTION_LIFETIME_SECONDS = 3600;
    /** Parsed keys kept at most (keys are few: one per vertex channel key). */
    private static final int MAX_PARSED_KEYS = 256;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpClient http;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, ServiceAccountKey> parsedKeys = new ConcurrentHashMap<>();

    /**
     * One service-account key.
     *
     * @param projectId the key's {@code project_id}, or null
     */
    record ServiceAccountKey(
            String clientEmail, PrivateKey privateKey, String privateKeyId, String tokenUri, String projectId) {
        @Override
        public String toString() {
            return "ServiceAccountKey[clientEmail=" + clientEmail + ", tokenUri=" + tokenUri + "]";
        }
    }

    /** The cached token of one account, and the lock that lets one caller at a time refresh it. */
    private static final class Account {
        final ReentrantLock refreshing = new ReentrantLock();
        volatile String token;
        /** When the token must no longer be used (its expiry less the margin). */
        volatile Instant renewAt = Instant.MIN;
    }

    ServiceAccountTokens(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * Parses a service-account JSON key ({@code client_email}, {@code private_key} as a PKCS#8 PEM,
     * {@code private_key_id}, {@code token_uri}, {@code project_id}).
     *
     * @throws UpstreamException (BROKEN) naming the field that is missing or malformed, never its value
     */
    ServiceAccountKey key(String json) throws UpstreamException {
        if (json == null || json.isBlank()) {
            throw broken("the vertex channel key must be a service-account JSON key");
        }
        ServiceAccountKey known = parsedKeys.get(json);
        if (known != null) {
            return known;
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            // the parser's message may quote the key: leave the cause out
            throw broken("the vertex channel key is not JSON (a service-account JSON key is expected)");
        }
        if (root == null || !root.isObject()) {
            throw broken("the vertex channel key must be a service-account JSON key");
        }
        String email = text(root, "client_email");
        String pem = text(root, "private_key");
        String tokenUri = text(root, "token_uri");
        if (email == null || pem == null || tokenUri == null) {
            throw broken("the vertex service-account key lacks "
                    + (email == null ? "client_email" : pem == null ? "private_key" : "token_uri"));
        }
        URI uri;
        try {
            uri = URI.create(tokenUri);
        } catch (IllegalArgumentException e) {
            throw broken("the token_uri of the vertex service-account key is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw broken("the token_uri of the vertex service-account key is not an http(s) URL");
        }
        ServiceAccountKey key = new ServiceAccountKey(
                email, privateKey(pem), text(root, "private_key_id"), tokenUri, text(root, "project_id"));
        if (parsedKeys.size() >= MAX_PARSED_KEYS) {
            parsedKeys.clear();
        }
        parsedKeys.put(json, key);
        return key;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    private static PrivateKey privateKey(String pem) throws UpstreamException {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw broken("the private_key of the vertex service-account key is not an RSA PKCS#8 PEM key");
        }
    }

    /**
     * A valid access token for the account: the cached one while it has more than a minute left, else a new one.
     *
     * @param timeout how long the caller can wait (for another caller's refresh and for the token endpoint)
     */
    String accessToken(ServiceAccountKey key, Duration timeout) throws UpstreamException {
        Account account = accounts.computeIfAbsent(key.clientEmail(), email -> new Account());
        String token = account.token;
        if (token != null && clock.instant().isBefore(account.renewAt)) {
            return token;
        }
        try {
            if (!account.refreshing.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new UpstreamException(
                        UpstreamException.Kind.TIMEOUT, "no vertex access token within " + timeout, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "interrupted", e);
        }
        try {
            // another caller may have refreshed it while this one waited
            token = account.token;
            if (token != null && clock.instant().isBefore(account.renewAt)) {
                return token;
            }
            Instant issued = clock.instant();
            TokenAnswer answer = exchange(key, issued, timeout);
            account.token = answer.token();
            account.renewAt = issued.plusSeconds(answer.expiresInSeconds() - REFRESH_MARGIN_SECONDS);
            return answer.token();
        } finally {
            account.refreshing.unlock();
        }
    }

    private record TokenAnswer(String token, long expiresInSeconds) {
        @Override
        public String toString() {
            return "TokenAnswer[expiresInSeconds=" + expiresInSeconds + "]";
        }
    }

    private TokenAnswer exchange(ServiceAccountKey key, Instant issued, Duration timeout) throws UpstreamException {
        String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8) + "&assertion="
                + URLEncoder.encode(assertion(key, issued), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(key.tokenUri()))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.US_ASCII))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.TIMEOUT, "the vertex token endpoint did not answer within " + timeout, e);
        } catch (ConnectException | UnresolvedAddressException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.CONNECT, "cannot connect to the vertex token endpoint", e);
        } catch (IOException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.CONNECT,
                    "the request to the vertex token endpoint failed: "
                            + e.getClass().getSimpleName(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw broken("the vertex service account could not be authorized (HTTP " + response.statusCode() + ")");
        }
        JsonNode root;
        try {
            root = mapper.readTree(response.body());
        } catch (IOException e) {
            throw broken("the vertex token endpoint answered something other than JSON");
        }
        String token = root == null ? null : text(root, "access_token");
        if (token == null) {
            throw broken("the vertex token endpoint answered without an access_token");
        }
        JsonNode expiresIn = root.get("expires_in");
        long seconds = expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0
                ? expiresIn.asLong()
                : expiresIn != null && expiresIn.isTextual()
                        ? parsePositive(expiresIn.textValue())
                        : ASSERTION_LIFETIME_SECONDS;
        return new TokenAnswer(token, seconds);
    }

    private static long parsePositive(String text) {
        try {
            long value = Long.parseLong(text.trim());
            return value > 0 ? value : ASSERTION_LIFETIME_SECONDS;
        } catch (NumberFormatException e) {
            return ASSERTION_LIFETIME_SECONDS;
        }
    }

    /** The signed JWT ({@code header.claims.signature}, each base64url without padding). */
    String assertion(ServiceAccountKey key, Instant issued) throws UpstreamException {
        ObjectNode header = mapper.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (key.privateKeyId() != null) {
            header.put("kid", key.privateKeyId());
        }
        long iat = issued.getEpochSecond();
        ObjectNode claims = mapper.createObjectNode()
                .put("iss", key.clientEmail())
                .put("scope", SCOPE)
                .put("aud", key.tokenUri())
                .put("iat", iat)
                .put("exp", iat + ASSERTION_LIFETIME_SECONDS);
        try {
            String signingInput = BASE64URL.encodeToString(mapper.writeValueAsBytes(header)) + "."
                    + BASE64URL.encodeToString(mapper.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new UpstreamException(
                    UpstreamException.Kind.BROKEN, "the vertex service-account assertion could not be signed", null);
        }
    }

    private static UpstreamException broken(String message) {
        return new UpstreamException(UpstreamException.Kind.BROKEN, message, null);
    }
}
