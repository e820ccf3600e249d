package dev.tollgate.adapter.in.web.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.application.account.port.in.SigningKeyUseCase;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the admin API's bearer tokens: HS256 JWTs signed with the installation's key (configured, or
 * generated once and kept in the database), issuer {@value #ISSUER}.
 */
@Component
public class AccessTokens {
    static final String ISSUER = "tollgate";

    private final SigningKeyUseCase signingKeys;
    private final SelfServiceUseCase sessions;
    private final byte[] configuredKey;
    private final Duration ttl;
    private volatile JwtEncoder encoder;
    private volatile JwtDecoder decoder;

    public AccessTokens(SigningKeyUseCase signingKeys, SelfServiceUseCase sessions, AuthProperties auth) {
        this.signingKeys = signingKeys;
        this.sessions = sessions;
        this.configuredKey = auth.configuredSigningKey();
        this.ttl = auth.tokenTtl();
    }

    public Duration ttl() {
        return ttl;
    }

    public String issue(AuthenticatedUser user) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(user.userId())
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("username", user.username())
                .claim("role", user.role().name())
                .claim("sv", user.sessionVersion())
                .build();
        return encoder()
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    /**
     * The CSRF token of a browser session: HMAC-SHA256 of the session's access token under the signing key, with a
     * label of its own so that it can never pass for a signature. Any node computes the same token, nothing is stored.
     */
    public String csrfToken(String accessToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            mac.update("tollgate-csrf\n".getBytes(StandardCharsets.US_ASCII));
            byte[] tag = mac.doFinal(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    JwtDecoder decoder() {
        JwtDecoder d = decoder;
        if (d == null) {
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key())
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
            // besides signature, issuer and expiry: the session must still be valid (user enabled, same role, no
            // password change since), checked against the in-memory user view on every request
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(ISSUER), this::sessionStillValid));
            d = nimbus;
            decoder = d;
        }
        return d;
    }

    private OAuth2TokenValidatorResult sessionStillValid(Jwt jwt) {
        Object sv = jwt.getClaim("sv");
        long version = sv instanceof Number n ? n.longValue() : -1;
        if (sessions.sessionValid(jwt.getSubject(), version, jwt.getClaimAsString("role"))
                && !sessions.sessionEnded(jwt.getId())) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                "invalid_token",
                "the session has ended (logged out, ended by an admin, or the user was disabled, deleted, changed role "
                        + "or password)",
                null));
    }

    private JwtEncoder encoder() {
        JwtEncoder e = encoder;
        if (e == null) {
            e = new NimbusJwtEncoder(new ImmutableSecret<>(key()));
            encoder = e;
        }
        return e;
    }

    private SecretKey key() {
        byte[] raw = configuredKey == null ? signingKeys.signingKey() : configuredKey.clone();
        return new SecretKeySpec(raw, "HmacSHA256");
    }
}
