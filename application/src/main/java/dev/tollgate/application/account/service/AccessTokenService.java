package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.AccessTokenUseCase;
import dev.tollgate.application.account.port.in.RoleOrder;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.account.query.AccessTokenDirectory;
import dev.tollgate.application.account.query.AccessTokenDirectory.AccessTokenRecord;
import dev.tollgate.application.common.ApiKeys;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.domain.account.AccessTokenErrorCode;
import dev.tollgate.domain.account.AccessTokenId;
import dev.tollgate.domain.account.AccessTokenScope;
import dev.tollgate.domain.account.command.CreatePersonalAccessTokenCommand;
import dev.tollgate.domain.account.command.RevokePersonalAccessTokenCommand;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Personal access tokens: {@value #PREFIX} followed by 40 letters and digits from a CSPRNG, stored as SHA-256, shown
 * once; at most {@value #MAX_PER_USER} live tokens per user; expiry within a year (90 days by default).
 */
public class AccessTokenService implements AccessTokenUseCase {
    public static final String PREFIX = "tgp_";
    static final int MAX_PER_USER = 50;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    private static final Duration MAX_LIFETIME = Duration.ofDays(366);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final AccessTokenDirectory tokens;
    private final UserDirectory users;
    private final RoleOrder roleOrder;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;

    public AccessTokenService(
            CommandGateway commands,
            AccessTokenDirectory tokens,
            UserDirectory users,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness) {
        this.commands = commands;
        this.tokens = tokens;
        this.users = users;
        this.roleOrder = new RoleOrder(users);
        this.clock = clock;
        this.ids = ids;
        this.freshness = freshness;
    }

    @Override
    public CreatedAccessToken create(NewAccessToken request, Caller caller) {
        Instant now = clock.now();
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidValueException("name", "name must have 1 to 100 characters");
        }
        AccessTokenScope scope = AccessTokenScope.of(request.scope());
        Instant expiresAt = request.expiresAt() == null ? now.plus(DEFAULT_LIFETIME) : request.expiresAt();
        if (!expiresAt.isAfter(now)) {
            throw new InvalidValueException("expiresAt", "expiresAt must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw new InvalidValueException("expiresAt", "an access token may live at most 366 days");
        }
        long live = tokens.ofUser(caller.userId()).stream()
                .filter(t -> !t.revoked() && t.expiresAt().isAfter(now))
                .count();
        if (live >= MAX_PER_USER) {
            throw new InvalidValueException(
                    "name", "you already have " + MAX_PER_USER + " live access tokens; revoke some first");
        }
        String secret = generate();
        AccessTokenId id = new AccessTokenId(ids.newId());
        commands.sendAndWait(new CreatePersonalAccessTokenCommand(
                id, caller.userId(), name, ApiKeys.hash(secret), mask(secret), scope, expiresAt, caller.actor(), now));
        freshness.await(id.value(), 0, VIEW_WAIT);
        return new CreatedAccessToken(view(tokens.findById(id.value()).orElseThrow()), secret);
    }

    @Override
    public List<AccessTokenView> list(Caller caller) {
        return tokens.ofUser(caller.userId()).stream()
                .map(AccessTokenService::view)
                .toList();
    }

    @Override
    public void revoke(String tokenId, Caller caller) {
        AccessTokenRecord token = tokens.findById(tokenId)
                .filter(t -> t.userId().equals(caller.userId()) || caller.admin())
                .orElseThrow(() ->
                        new DomainException(AccessTokenErrorCode.ACCESS_TOKEN_NOT_FOUND, "no access token " + tokenId));
        roleOrder.requireMayActOn(token.userId(), caller, "access tokens");
        commands.sendAndWait(
                new RevokePersonalAccessTokenCommand(new AccessTokenId(token.id()), caller.actor(), clock.now()));
        freshness.await(token.id(), 1, VIEW_WAIT);
    }

    @Override
    public Optional<AccessTokenPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.now();
        return tokens.findBySecretHash(ApiKeys.hash(secret))
                .filter(t -> t.expiresAt().isAfter(now))
                .flatMap(t -> users.findById(t.userId())
                        .filter(UserView::enabled)
                        .map(u -> new AccessTokenPrincipal(
                                t.id(),
                                u.userId(),
                                u.username(),
                                u.role(),
                                AccessTokenScope.of(t.scope()),
                                u.sessionsValidFrom().toEpochMilli())));
    }

    private static AccessTokenView view(AccessTokenRecord r) {
        return new AccessTokenView(
                r.id(), r.userId(), r.name(), r.maskedSecret(), r.scope(), r.expiresAt(), r.createdAt(), r.revoked());
    }

    private static String generate() {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static String mask(String secret) {
        return secret.substring(0, 8) + "..." + secret.substring(secret.length() - 4);
    }
}
