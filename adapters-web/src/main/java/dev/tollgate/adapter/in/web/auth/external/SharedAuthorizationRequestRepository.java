package dev.tollgate.adapter.in.web.auth.external;

import dev.tollgate.application.account.port.out.AuthorizationRequestPort;
import dev.tollgate.application.account.port.out.AuthorizationRequestPort.StoredAuthorizationRequest;
import dev.tollgate.application.common.port.out.ClockPort;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.util.UriUtils;

/**
 * Keeps the authorization request of a browser sign-in (state, PKCE verifier, OIDC nonce, the user of a link flow)
 * between the redirect to the provider and the callback in the database shared by every node, so that the callback may
 * reach any node: no session, no sticky routing.
 *
 * <ul>
 *   <li><b>Keyed by the state's SHA-256</b>: the state itself is stored nowhere (it is also left out of the stored
 *       authorization request URI); the callback's {@code state} finds the request and is put back into it.</li>
 *   <li><b>Bound to the browser</b> that started the flow: the start sets a binding cookie (HttpOnly, SameSite=Lax,
 *       Secure and {@code __Host-} on https; living as long as the request's row may) holding a fresh 256-bit random
 *       nonce; only its SHA-256 is stored with the request. A callback without that cookie (another browser, a leaked
 *       or forged state) finds nothing and leaves the request in place for its own browser.</li>
 *   <li><b>Once</b>: the callback takes the request by one {@code DELETE ... RETURNING}, so of two callbacks racing on
 *       two nodes only one gets it; a replayed callback finds nothing.</li>
 *   <li><b>Short-lived</b>: a request expires {@code ttl} (10 minutes) after the start and is then refused with its own
 *       error ({@value #EXPIRED}); rows expired for over an hour are deleted when a later sign-in starts.</li>
 * </ul>
 *
 * The removed request stays readable for the rest of the callback request ({@link #REMOVED}), where the success
 * handler needs to know whether it was a link flow. The PKCE verifier and the nonce are never logged.
 */
class SharedAuthorizationRequestRepository implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {
    static final String REMOVED = SharedAuthorizationRequestRepository.class.getName() + ".removed";
    /** The error of a callback whose request was found but had expired. */
    static final String EXPIRED = "sign_in_expired";
    /** The binding cookie over plain http (tests, a local install). */
    static final String COOKIE = "tollgate-oauth";
    /** The binding cookie over https: the {@code __Host-} prefix keeps sibling domains from planting one. */
    static final String SECURE_COOKIE = "__Host-" + COOKIE;
    /**
     * How long an expired request stays before it is pruned, and the binding cookie outlives the request: a browser
     * coming back late is told its sign-in expired rather than that it is unknown.
     */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofHours(1);

    private static final Pattern STATE_PARAMETER = Pattern.compile("([?&]" + OAuth2ParameterNames.STATE + "=)");
    private static final int NONCE_BYTES = 32;
    private static final int MAX_COOKIE_LENGTH = 128;

    private final AuthorizationRequestPort store;
    private final ClockPort clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    SharedAuthorizationRequestRepository(AuthorizationRequestPort store, ClockPort clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("tollgate.auth.authorization-request-ttl must be positive: " + ttl);
        }
        this.store = store;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        String binding = bindingOf(request);
        if (state == null || binding == null) {
            return null;
        }
        return store.find(sha256(state), sha256(binding), clock.now())
                .map(r -> rebuild(r, state))
                .orElse(null);
    }

    @Override
    public void saveAuthorizationRequest(
            OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request, HttpServletResponse response) {
        if (authorizationRequest == null) {
            removeAuthorizationRequest(request, response);
            return;
        }
        String state = authorizationRequest.getState();
        if (state == null || state.isBlank()) {
            throw new IllegalArgumentException("an authorization request without a state cannot be kept");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String binding = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        Instant now = clock.now();
        store.save(
                sealed(toStored(authorizationRequest, sha256(state), sha256(binding), now, now.plus(ttl)), binding),
                now.minus(KEPT_AFTER_EXPIRY));
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(request, binding, ttl.plus(KEPT_AFTER_EXPIRY)).toString());
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(
            HttpServletRequest request, HttpServletResponse response) {
        String state = request.getParameter(OAuth2ParameterNames.STATE);
        String binding = bindingOf(request);
        if (state == null || binding == null) {
            return null;
        }
        StoredAuthorizationRequest taken =
                store.take(sha256(state), sha256(binding)).orElse(null);
        if (taken == null) {
            return null;
        }
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
        if (taken.expiredAt(clock.now())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    EXPIRED,
                    "this sign-in was started more than " + minutes(ttl)
                            + " ago and has expired; start the sign-in again",
                    null));
        }
        OAuth2AuthorizationRequest removed = rebuild(opened(taken, binding), state);
        request.setAttribute(REMOVED, removed);
        return removed;
    }

    private static final String SEALED = "sealed1:";
    private static final int GCM_IV_BYTES = 12;

    /**
     * The request with its attributes (the PKCE verifier, the OIDC nonce, the user of a link flow) encrypted with a key
     * derived from the browser's binding value, which is stored nowhere: someone who reads the table cannot use them.
     */
    static StoredAuthorizationRequest sealed(StoredAuthorizationRequest r, String binding) {
        Map<String, String> out = new LinkedHashMap<>();
        r.attributes().forEach((k, v) -> out.put(k, seal(v, binding, k)));
        return withAttributes(r, out);
    }

    static StoredAuthorizationRequest opened(StoredAuthorizationRequest r, String binding) {
        Map<String, String> out = new LinkedHashMap<>();
        r.attributes().forEach((k, v) -> out.put(k, open(v, binding, k)));
        return withAttributes(r, out);
    }

    private static StoredAuthorizationRequest withAttributes(StoredAuthorizationRequest r, Map<String, String> a) {
        return new StoredAuthorizationRequest(
                r.stateHash(),
                r.browserHash(),
                r.authorizationUri(),
                r.clientId(),
                r.redirectUri(),
                r.scopes(),
                r.grantType(),
                r.additionalParameters(),
                a,
                r.authorizationRequestUri(),
                r.createdAt(),
                r.expiresAt());
    }

    private static SecretKeySpec keyOf(String binding) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest(("tollgate-oauth-attributes\n" + binding).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String seal(String value, String binding, String name) {
        try {
            byte[] iv = new byte[GCM_IV_BYTES];
            SECURE_RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keyOf(binding), new GCMParameterSpec(128, iv));
            c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return SEALED + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the authorization request could not be sealed", e);
        }
    }

    private static String open(String stored, String binding, String name) {
        if (!stored.startsWith(SEALED)) {
            throw new IllegalStateException("a stored authorization request attribute is not sealed");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, keyOf(binding), new GCMParameterSpec(128, in, 0, GCM_IV_BYTES));
            c.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, GCM_IV_BYTES, in.length - GCM_IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored authorization request attribute cannot be opened", e);
        }
    }

    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    /** The request as stored: field by field, without the state (only its hash). */
    static StoredAuthorizationRequest toStored(
            OAuth2AuthorizationRequest r, String stateHash, String browserHash, Instant createdAt, Instant expiresAt) {
        return new StoredAuthorizationRequest(
                stateHash,
                browserHash,
                r.getAuthorizationUri(),
                r.getClientId(),
                r.getRedirectUri(),
                new ArrayList<>(r.getScopes()),
                r.getGrantType().getValue(),
                strings(r.getAdditionalParameters(), "additional parameter"),
                strings(r.getAttributes(), "attribute"),
                withoutState(r.getAuthorizationRequestUri(), r.getState()),
                createdAt,
                expiresAt);
    }

    /** The request again, with the state the callback presented (its hash found the request). */
    static OAuth2AuthorizationRequest rebuild(StoredAuthorizationRequest r, String state) {
        if (!AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equals(r.grantType())) {
            throw new IllegalStateException("a stored authorization request has the grant type " + r.grantType());
        }
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(r.authorizationUri())
                .clientId(r.clientId())
                .redirectUri(r.redirectUri())
                .scopes(new LinkedHashSet<>(r.scopes()))
                .state(state)
                .additionalParameters(new LinkedHashMap<>(r.additionalParameters()))
                .attributes(new LinkedHashMap<>(r.attributes()))
                .authorizationRequestUri(withState(r.authorizationRequestUri(), state))
                .build();
    }

    /** The URI with its {@code state} parameter's value left out ({@code ...&state=&...}). */
    static String withoutState(String uri, String state) {
        Matcher m = Pattern.compile(STATE_PARAMETER.pattern() + Pattern.quote(encode(state)) + "(?=[&#]|$)")
                .matcher(uri);
        if (!m.find()) {
            throw new IllegalStateException("the authorization request URI does not carry its state");
        }
        return m.replaceFirst("$1");
    }

    static String withState(String uri, String state) {
        Matcher m = Pattern.compile(STATE_PARAMETER.pattern() + "(?=[&#]|$)").matcher(uri);
        if (!m.find()) {
            throw new IllegalStateException("a stored authorization request URI has no place for its state");
        }
        return m.replaceFirst("$1" + Matcher.quoteReplacement(encode(state)));
    }

    private static String encode(String state) {
        return UriUtils.encodeQueryParam(state, StandardCharsets.UTF_8);
    }

    /** Spring's maps hold objects; ours hold text only (the values are secrets: a refusal names the key only). */
    private static Map<String, String> strings(Map<String, Object> values, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !(value instanceof String)) {
                throw new IllegalStateException(
                        "the authorization request's " + what + " '" + key + "' is not text and cannot be stored");
            }
            if (value != null) {
                out.put(key, (String) value);
            }
        });
        return out;
    }

    private static String bindingOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        String name = cookieName(request);
        for (Cookie c : cookies) {
            if (name.equals(c.getName())
                    && c.getValue() != null
                    && !c.getValue().isEmpty()
                    && c.getValue().length() <= MAX_COOKIE_LENGTH) {
                return c.getValue();
            }
        }
        return null;
    }

    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(cookieName(request), value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }

    private static String cookieName(HttpServletRequest request) {
        return request.isSecure() ? SECURE_COOKIE : COOKIE;
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 1 && d.equals(Duration.ofMinutes(m))
                ? m + (m == 1 ? " minute" : " minutes")
                : d.toSeconds() + " seconds";
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
