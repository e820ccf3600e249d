package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.AuthenticatedUser;
import dev.tollgate.application.account.port.in.ExternalProfile;
import dev.tollgate.application.account.port.in.ExternalSignInUseCase;
import dev.tollgate.application.account.port.in.IdentityView;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.account.port.out.OneTimeCodePort;
import dev.tollgate.application.account.port.out.OneTimeCodePort.Grant;
import dev.tollgate.application.account.query.LinkedIdentity;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.ExternalIdentity;
import dev.tollgate.domain.account.IdentityProvider;
import dev.tollgate.domain.account.RegistrationMode;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.account.Username;
import dev.tollgate.domain.account.command.LinkExternalIdentityCommand;
import dev.tollgate.domain.account.command.RegisterExternalUserCommand;
import dev.tollgate.domain.account.command.UnlinkExternalIdentityCommand;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * External sign-in. An identity is found by (provider, subject) only: a matching e-mail or username never signs in to
 * an existing account (that would hand the account to whoever controls an e-mail at some provider). A new identity
 * gets a new account when registration is open. Codes (hand-off, link tickets, pending links) are 256-bit random,
 * stored as SHA-256 hashes, valid {@value #CODE_TTL_SECONDS} s and consumed once.
 *
 * <p>Personal organisations: organisations do not exist yet. A new account is announced by its
 * {@code UserRegisteredEvent}, whatever the route (password registration, an admin, an external identity); the
 * personal organisation is to be created by a handler of that event, so no sign-in path changes.
 */
public class ExternalSignInService implements ExternalSignInUseCase {
    static final String LOGIN = "login";
    static final String LINK_TICKET = "link-ticket";
    static final String PENDING_LINK = "link";
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);
    private static final int MAX_USERNAME_ATTEMPTS = 50;

    private final UserDirectory users;
    private final OneTimeCodePort codes;
    private final CommandGateway commands;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;
    private final SignUpBonus signUpBonus;
    private final SecureRandom random = new SecureRandom();

    public ExternalSignInService(
            UserDirectory users,
            OneTimeCodePort codes,
            CommandGateway commands,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            SignUpBonus signUpBonus) {
        this.users = users;
        this.codes = codes;
        this.commands = commands;
        this.clock = clock;
        this.ids = ids;
        this.freshness = freshness;
        this.signUpBonus = signUpBonus;
    }

    @Override
    public String signIn(ExternalProfile profile) {
        ExternalIdentity identity = identityOf(profile);
        String providerName = displayName(identity.provider());
        var linked = users.findIdentity(identity.provider().code(), identity.subject());
        String userId;
        if (linked.isPresent()) {
            userId = activeUser(linked.get().userId()).userId();
        } else {
            if (users.registrationMode() != RegistrationMode.OPEN) {
                throw new DomainException(
                        AccountErrorCode.REGISTRATION_CLOSED,
                        "no account is linked to this "
                                + providerName + " account and registration is closed: ask an administrator for an "
                                + "account, sign in with it and link " + providerName + " from there");
            }
            userId = register(identity, profile);
        }
        return issue(new Grant(LOGIN, userId, null, null, null, null));
    }

    @Override
    public AuthenticatedUser exchange(String code) {
        Grant grant = consume(code, LOGIN);
        UserView u = activeUser(grant.userId());
        return new AuthenticatedUser(
                u.userId(), u.username(), u.role(), u.sessionsValidFrom().toEpochMilli());
    }

    @Override
    public String startLink(Caller caller, IdentityProvider provider) {
        activeUser(caller.userId());
        return issue(new Grant(LINK_TICKET, caller.userId(), provider.code(), null, null, null));
    }

    @Override
    public String redeemLinkTicket(String ticket, IdentityProvider provider) {
        Grant grant = consume(ticket, LINK_TICKET);
        if (!provider.code().equals(grant.provider())) {
            throw new DomainException(
                    AccountErrorCode.INVALID_SIGN_IN_CODE,
                    "this link ticket is for "
                            + displayName(IdentityProvider.fromCode(grant.provider())) + ", not for "
                            + displayName(provider));
        }
        return activeUser(grant.userId()).userId();
    }

    @Override
    public String pendingLink(String userId, ExternalProfile profile) {
        ExternalIdentity identity = identityOf(profile);
        requireFree(identity, userId);
        return issue(new Grant(
                PENDING_LINK,
                userId,
                identity.provider().code(),
                identity.subject(),
                identity.login(),
                identity.email()));
    }

    @Override
    public IdentityView completeLink(Caller caller, String code) {
        Grant grant = consume(code, PENDING_LINK);
        if (!grant.userId().equals(caller.userId())) {
            throw new DomainException(
                    AccountErrorCode.INVALID_SIGN_IN_CODE,
                    "this link was started from another account's session; start it again from yours");
        }
        activeUser(caller.userId());
        ExternalIdentity identity = new ExternalIdentity(
                IdentityProvider.fromCode(grant.provider()), grant.subject(), grant.login(), grant.email());
        requireFree(identity, caller.userId());
        long version = commands.sendAndWait(
                new LinkExternalIdentityCommand(new UserId(caller.userId()), identity, caller.actor(), clock.now()));
        freshness.await(caller.userId(), version, VIEW_WAIT);
        return users.findIdentity(identity.provider().code(), identity.subject())
                .map(ExternalSignInService::view)
                .orElseThrow();
    }

    @Override
    public void unlink(Caller caller, IdentityProvider provider) {
        activeUser(caller.userId());
        long version = commands.sendAndWait(
                new UnlinkExternalIdentityCommand(new UserId(caller.userId()), provider, caller.actor(), clock.now()));
        freshness.await(caller.userId(), version, VIEW_WAIT);
    }

    @Override
    public List<IdentityView> identities(Caller caller) {
        return users.identitiesOf(caller.userId()).stream()
                .map(ExternalSignInService::view)
                .toList();
    }

    private String register(ExternalIdentity identity, ExternalProfile profile) {
        String id = ids.newId();
        commands.sendAndWait(
                new RegisterExternalUserCommand(new UserId(id), uniqueUsername(profile), identity, clock.now()));
        freshness.await(id, 1, VIEW_WAIT);
        signUpBonus.credit(id);
        return id;
    }

    /** The identity must not sign in as someone else already. */
    private void requireFree(ExternalIdentity identity, String userId) {
        users.findIdentity(identity.provider().code(), identity.subject())
                .filter(linked -> !linked.userId().equals(userId))
                .ifPresent(linked -> {
                    throw new DomainException(
                            AccountErrorCode.IDENTITY_ALREADY_LINKED,
                            "this " + displayName(identity.provider())
                                    + " account is linked to another Tollgate account");
                });
    }

    private UserView activeUser(String userId) {
        UserView u = users.findById(userId)
                .orElseThrow(() -> new DomainException(AccountErrorCode.ACCOUNT_DISABLED, "this account was deleted"));
        if (!u.enabled()) {
            throw new DomainException(AccountErrorCode.ACCOUNT_DISABLED, "this account is disabled");
        }
        return u;
    }

    private static ExternalIdentity identityOf(ExternalProfile profile) {
        if (profile.subject() == null || profile.subject().isBlank()) {
            throw new InvalidValueException("subject", "the provider did not say who signed in");
        }
        return new ExternalIdentity(profile.provider(), profile.subject(), profile.login(), profile.email());
    }

    /**
     * A username from the provider's login (or name, or e-mail's local part): letters, digits, '_', '-', '.';
     * {@code -2}, {@code -3}… appended while it is taken. A taken name is never a reason to sign in as its owner.
     */
    Username uniqueUsername(ExternalProfile profile) {
        String base = sanitize(profile.login());
        if (base == null) {
            base = sanitize(profile.name());
        }
        if (base == null && profile.email() != null && profile.email().contains("@")) {
            base = sanitize(profile.email().substring(0, profile.email().indexOf('@')));
        }
        if (base == null) {
            base = profile.provider().code() + "-user";
        }
        for (int n = 1; n <= MAX_USERNAME_ATTEMPTS; n++) {
            String candidate = n == 1 ? base : base + "-" + n;
            if (users.findByUsername(candidate).isEmpty()) {
                return new Username(candidate);
            }
        }
        return new Username(base + "-" + HexFormat.of().formatHex(randomBytes(3)));
    }

    private static String sanitize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim().replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (s.length() > 24) {
            s = s.substring(0, 24);
        }
        return s.length() < 3 ? null : s;
    }

    private String issue(Grant grant) {
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        codes.save(hash(code), grant, clock.now().plusSeconds(CODE_TTL_SECONDS));
        return code;
    }

    private Grant consume(String code, String purpose) {
        if (code == null || code.isBlank() || code.length() > 100) {
            throw new DomainException(AccountErrorCode.INVALID_SIGN_IN_CODE, "the code is missing or malformed");
        }
        Instant now = clock.now();
        return codes.consume(hash(code), purpose, now)
                .orElseThrow(() -> new DomainException(
                        AccountErrorCode.INVALID_SIGN_IN_CODE,
                        "the code is unknown, expired or already used; sign in again"));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String hash(String code) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static IdentityView view(LinkedIdentity i) {
        return new IdentityView(i.provider(), i.subject(), i.login(), i.email(), i.linkedAt());
    }

    private static String displayName(IdentityProvider provider) {
        return switch (provider) {
            case GITHUB -> "GitHub";
            case FEISHU -> "Feishu";
            case OIDC -> provider.code().toUpperCase(Locale.ROOT);
        };
    }
}
