package dev.tollgate.application.token.service;

import static dev.tollgate.application.token.port.in.TokenAccess.requireGroupRight;

import dev.tollgate.application.account.port.in.RoleOrder;
import dev.tollgate.application.billing.port.in.KeySpendingUseCase;
import dev.tollgate.application.common.ApiKeys;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.token.port.in.IssueTokenRequest;
import dev.tollgate.application.token.port.in.IssueTokenUseCase;
import dev.tollgate.application.token.port.in.IssuedToken;
import dev.tollgate.application.token.port.in.ManageTokenUseCase;
import dev.tollgate.application.token.port.in.TokenAccess;
import dev.tollgate.application.token.port.in.TokenChanges;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.application.token.port.in.TokenQueryUseCase;
import dev.tollgate.application.token.port.in.TokenRecord;
import dev.tollgate.application.token.port.in.UserRateLimits;
import dev.tollgate.application.token.port.in.UserRateLimitsUseCase;
import dev.tollgate.application.token.query.TokenView;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.common.Subnet;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.OrganizationPolicy;
import dev.tollgate.domain.token.RateLimit;
import dev.tollgate.domain.token.TokenId;
import dev.tollgate.domain.token.TokenLimits;
import dev.tollgate.domain.token.TokenStatus;
import dev.tollgate.domain.token.UserRateLimitPolicy;
import dev.tollgate.domain.token.command.DeleteTokenCommand;
import dev.tollgate.domain.token.command.IssueTokenCommand;
import dev.tollgate.domain.token.command.RotateTokenCommand;
import dev.tollgate.domain.token.command.SetUserRateLimitsCommand;
import dev.tollgate.domain.token.command.UpdateTokenCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Issues, changes, rotates, deletes and reads API keys (the lists are {@link TokenListService}'s); sets the rate limits every user's keys share. */
public class TokenService implements IssueTokenUseCase, ManageTokenUseCase, TokenQueryUseCase, UserRateLimitsUseCase {
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);
    private static final String RATE_LIMITS_ADMINS_ONLY = "only platform admins may set rate limits";

    private final CommandGateway commands;
    private final TokenDirectory tokens;
    private final KeySpendingUseCase ledger;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;
    private final LastUsedTracker lastUsed;
    private final UserRateLimits userLimits;

    private final OrganizationDirectory organizations;
    private final TokenAccess access;
    private final RoleOrder roleOrder;

    public TokenService(
            CommandGateway commands,
            TokenDirectory tokens,
            KeySpendingUseCase ledger,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            LastUsedTracker lastUsed,
            UserRateLimits userLimits,
            OrganizationDirectory organizations,
            RoleOrder roleOrder) {
        this.organizations = organizations;
        this.access = new TokenAccess(tokens, organizations);
        this.roleOrder = roleOrder;
        this.lastUsed = lastUsed;
        this.userLimits = userLimits;
        this.commands = commands;
        this.tokens = tokens;
        this.ledger = ledger;
        this.clock = clock;
        this.ids = ids;
        this.freshness = freshness;
    }

    @Override
    public IssuedToken issue(IssueTokenRequest request, Caller caller) {
        return issue(request, OrganizationId.personalOf(caller.userId()).value(), caller);
    }

    @Override
    public IssuedToken issue(IssueTokenRequest request, String organizationId, Caller caller) {
        Instant now = clock.now();
        OrganizationPolicy policy = access.keyHolderPolicy(organizationId, caller);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw new InvalidValueException("expiresAt", "expiresAt must be in the future");
        }
        requireGroupRight(request.group(), policy, caller, new OrganizationId(organizationId).personal());
        requireModelsGranted(request.models(), policy);
        TokenLimits limits = new TokenLimits(
                request.unlimitedQuota() ? 0 : request.quota(),
                request.unlimitedQuota(),
                request.expiresAt(),
                request.models(),
                request.group(),
                subnets(request.subnets()),
                new RateLimit(request.rpm(), request.tpm()));
        String key = ApiKeys.generate();
        TokenId id = new TokenId(ids.newId());
        commands.sendAndWait(new IssueTokenCommand(
                id,
                caller.userId(),
                request.name(),
                ApiKeys.hash(key),
                ApiKeys.mask(key),
                limits,
                caller.actor(),
                now,
                organizationId));
        freshness.await(id.value(), 0, VIEW_WAIT);
        return new IssuedToken(get(id.value(), caller), key);
    }

    @Override
    public TokenView update(String tokenId, TokenChanges changes, Caller caller) {
        TokenRecord current = changeable(tokenId, caller);
        boolean unlimited = changes.unlimitedQuota() != null ? changes.unlimitedQuota() : current.unlimitedQuota();
        long quota = changes.quota() != null ? changes.quota() : current.quota();
        Instant expiresAt =
                changes.clearExpiry() ? null : changes.expiresAt() != null ? changes.expiresAt() : current.expiresAt();
        OrganizationPolicy policy = organizations.policyOf(current.organizationId());
        requireGroupRight(changes.group(), policy, caller, new OrganizationId(current.organizationId()).personal());
        requireModelsGranted(changes.models(), policy);
        Long rpm = changes.clearRpm()
                ? null
                : changes.rpm() != null ? changes.rpm() : current.rateLimit().rpm();
        Long tpm = changes.clearTpm()
                ? null
                : changes.tpm() != null ? changes.tpm() : current.rateLimit().tpm();
        TokenLimits limits = new TokenLimits(
                quota,
                unlimited,
                expiresAt,
                changes.models() != null ? changes.models() : current.models(),
                changes.group() != null ? changes.group() : current.group(),
                changes.subnets() != null ? subnets(changes.subnets()) : current.subnets(),
                new RateLimit(rpm, tpm));
        TokenStatus status = changes.status() != null ? TokenStatus.fromCode(changes.status()) : current.status();
        String name = changes.name() != null ? changes.name() : current.name();
        long version = commands.sendAndWait(
                new UpdateTokenCommand(new TokenId(tokenId), name, status, limits, caller.actor(), clock.now()));
        freshness.await(tokenId, version, VIEW_WAIT);
        return get(tokenId, caller);
    }

    /** Every entry parsed; the first that is not an IP address or CIDR block is named in the 400. */
    private static List<Subnet> subnets(List<String> texts) {
        return texts == null
                ? List.of()
                : texts.stream().map(t -> Subnet.parse("subnets", t)).toList();
    }

    @Override
    public IssuedToken rotate(String tokenId, Caller caller) {
        roleOrder.requireMayActOn(access.rotatable(tokenId, caller).ownerId(), caller, "keys");
        String key = ApiKeys.generate();
        long version = commands.sendAndWait(new RotateTokenCommand(
                new TokenId(tokenId), ApiKeys.hash(key), ApiKeys.mask(key), caller.actor(), clock.now()));
        freshness.await(tokenId, version, VIEW_WAIT);
        return new IssuedToken(get(tokenId, caller), key);
    }

    @Override
    public RateLimit userRateLimits(Caller caller) {
        caller.requireAdmin(RATE_LIMITS_ADMINS_ONLY);
        return userLimits.current();
    }

    @Override
    public RateLimit setUserRateLimits(RateLimit limit, Caller caller) {
        caller.requireAdmin(RATE_LIMITS_ADMINS_ONLY);
        long version = commands.sendAndWait(
                new SetUserRateLimitsCommand(UserRateLimitPolicy.ID, limit, caller.actor(), clock.now()));
        freshness.await(UserRateLimitPolicy.ID, version, VIEW_WAIT);
        return userLimits.current();
    }

    /** A key may only narrow its organisation's models, never widen them. */
    private static void requireModelsGranted(List<String> models, OrganizationPolicy policy) {
        if (models == null || policy.models().isEmpty()) {
            return;
        }
        for (String m : models) {
            if (!policy.models().contains(m)) {
                throw new InvalidValueException(
                        "models",
                        "the model '" + m + "' is not allowed in this key's " + "organisation (allowed: "
                                + String.join(", ", policy.models()) + ")");
            }
        }
    }

    @Override
    public void delete(String tokenId, Caller caller) {
        changeable(tokenId, caller);
        long version = commands.sendAndWait(new DeleteTokenCommand(new TokenId(tokenId), caller.actor(), clock.now()));
        freshness.await(tokenId, version, VIEW_WAIT);
    }

    @Override
    public TokenView get(String tokenId, Caller caller) {
        TokenRecord t = access.visible(tokenId, caller);
        return view(t, lastUsed.lastUsed(List.of(tokenId)).get(tokenId));
    }

    /** A key the caller may see ({@link TokenAccess#visible}) and whose holder's role they outrank ({@link RoleOrder}). */
    private TokenRecord changeable(String tokenId, Caller caller) {
        TokenRecord t = access.visible(tokenId, caller);
        roleOrder.requireMayActOn(t.ownerId(), caller, "keys");
        return t;
    }

    private TokenView view(TokenRecord t, Instant lastUsedAt) {
        return new TokenView(
                        t.id(),
                        t.ownerId(),
                        t.name(),
                        t.maskedKey(),
                        t.status().code(),
                        t.quota(),
                        t.unlimitedQuota(),
                        0,
                        0,
                        t.expiresAt(),
                        t.models(),
                        t.createdAt(),
                        t.updatedAt(),
                        t.group(),
                        t.subnets().stream().map(Subnet::toString).toList(),
                        t.rateLimit().rpm(),
                        t.rateLimit().tpm(),
                        null,
                        t.organizationId())
                .withUsage(ledger.used(t.id()), lastUsedAt);
    }
}
