package dev.tollgate.application.token.service;

import dev.tollgate.application.common.ApiKeys;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.token.port.in.ImportTokenUseCase;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.common.Subnet;
import dev.tollgate.domain.token.RateLimit;
import dev.tollgate.domain.token.TokenErrorCode;
import dev.tollgate.domain.token.TokenId;
import dev.tollgate.domain.token.TokenLimits;
import dev.tollgate.domain.token.TokenStatus;
import dev.tollgate.domain.token.command.IssueTokenCommand;
import dev.tollgate.domain.token.command.UpdateTokenCommand;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Issues imported keys with their existing secrets: {@code IssueTokenCommand} with the secret's hash (then an
 * {@code UpdateTokenCommand} for a disabled one), exactly as a new key, but without a fresh secret.
 */
public class TokenImportService implements ImportTokenUseCase {
    /** What gateways hand out: letters, digits, '-' and '_' (one-api: 48 letters and digits). */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{16,200}");

    private final CommandGateway commands;
    private final TokenDirectory tokens;
    private final ClockPort clock;
    private final IdGeneratorPort ids;

    public TokenImportService(CommandGateway commands, TokenDirectory tokens, ClockPort clock, IdGeneratorPort ids) {
        this.commands = commands;
        this.tokens = tokens;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void check(ImportedKey key) {
        limits(key);
        String secret = secret(key);
        if (tokens.findByKeyHash(ApiKeys.hash(secret)).isPresent()) {
            throw new DomainException(TokenErrorCode.TOKEN_SECRET_TAKEN, "a key with this secret exists already");
        }
        if (key.name() == null || key.name().isBlank() || key.name().length() > 100) {
            throw new InvalidValueException("name", "a key's name is 1 to 100 characters");
        }
        if (key.ownerId() == null || key.ownerId().isBlank()) {
            throw new InvalidValueException("ownerId", "the key has no owner");
        }
    }

    @Override
    public String importKey(ImportedKey key, String actor) {
        check(key);
        String secret = secret(key);
        TokenId id = new TokenId(ids.newId());
        TokenLimits limits = limits(key);
        commands.sendAndWait(new IssueTokenCommand(
                id, key.ownerId(), key.name(), ApiKeys.hash(secret), ApiKeys.mask(secret), limits, actor, clock.now()));
        if (!key.enabled()) {
            commands.sendAndWait(
                    new UpdateTokenCommand(id, key.name(), TokenStatus.DISABLED, limits, actor, clock.now()));
        }
        return id.value();
    }

    private static String secret(ImportedKey key) {
        String s = key.secret() == null ? "" : key.secret().trim();
        String body = s.startsWith("sk-") ? s.substring(3) : s;
        if (!SECRET.matcher(body).matches()) {
            throw new InvalidValueException("key", "the secret must be 16 to 200 letters, digits, '-' or '_'");
        }
        return "sk-" + body;
    }

    private static TokenLimits limits(ImportedKey key) {
        List<Subnet> subnets = key.subnets() == null
                ? List.of()
                : key.subnets().stream().map(t -> Subnet.parse("subnets", t)).toList();
        return new TokenLimits(
                key.unlimitedQuota() ? 0 : Math.max(0, key.quota()),
                key.unlimitedQuota(),
                key.expiresAt(),
                key.models(),
                key.group(),
                subnets,
                RateLimit.NONE);
    }
}
