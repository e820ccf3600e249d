package dev.tollgate.application.organization.service;

import static dev.tollgate.application.organization.port.in.OrganizationAccess.requireManager;
import static dev.tollgate.application.organization.port.in.OrganizationAccess.requireOwner;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.SlidingWindowLimit;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import dev.tollgate.application.organization.port.out.BudgetFiguresPort;
import dev.tollgate.application.organization.port.out.BudgetFiguresPort.BudgetFigures;
import dev.tollgate.domain.account.EmailErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationErrorCode;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.OrganizationPolicy;
import dev.tollgate.domain.organization.command.AcceptEmailInvitationCommand;
import dev.tollgate.domain.organization.command.AcceptOrganizationInvitationCommand;
import dev.tollgate.domain.organization.command.AddOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.ChangeOrganizationMemberRoleCommand;
import dev.tollgate.domain.organization.command.ChangeOrganizationStatusCommand;
import dev.tollgate.domain.organization.command.CreateOrganizationCommand;
import dev.tollgate.domain.organization.command.InviteByEmailCommand;
import dev.tollgate.domain.organization.command.InviteOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.RemoveOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.RenameOrganizationCommand;
import dev.tollgate.domain.organization.command.SetMemberBudgetCommand;
import dev.tollgate.domain.organization.command.SetMemberRateLimitCommand;
import dev.tollgate.domain.organization.command.SetOrganizationKeyDefaultsCommand;
import dev.tollgate.domain.organization.command.SetOrganizationPolicyCommand;
import dev.tollgate.domain.organization.command.TransferOrganizationOwnershipCommand;
import dev.tollgate.domain.organization.command.WithdrawEmailInvitationCommand;
import dev.tollgate.domain.organization.command.WithdrawOrganizationInvitationCommand;
import dev.tollgate.domain.token.RateLimit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Who may do what: members see their organisation; its OWNER and ADMINs rename it and add or remove MEMBERs; only
 * the OWNER gives or takes the ADMIN role, removes an ADMIN, disables it or transfers it; platform admins may do all.
 * Anyone else is told the organisation does not exist.
 */
public class OrganizationService implements OrganizationUseCase {
    static final int MAX_OWNED = 20;
    private static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final OrganizationDirectory organizations;
    private final UserDirectory users;
    private final OrganizationAccess access;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final ViewFreshness freshness;

    private final BudgetFiguresPort ledger;
    private final MailPort mail;

    public OrganizationService(
            CommandGateway commands,
            OrganizationDirectory organizations,
            UserDirectory users,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            BudgetFiguresPort ledger,
            MailPort mail) {
        this.mail = mail;
        this.ledger = ledger;
        this.commands = commands;
        this.organizations = organizations;
        this.access = new OrganizationAccess(organizations);
        this.users = users;
        this.clock = clock;
        this.ids = ids;
        this.freshness = freshness;
    }

    @Override
    public OrganizationView create(String name, Caller caller) {
        String clean = requireName(name);
        long owned = organizations.ofMember(caller.userId()).stream()
                .filter(o -> !o.personal() && o.roleOf(caller.userId()).orElse(null) == MemberRole.OWNER)
                .count();
        if (owned >= MAX_OWNED) {
            throw new InvalidValueException("name", "you already own " + MAX_OWNED + " organisations");
        }
        OrganizationId id = new OrganizationId(ids.newId());
        commands.sendAndWait(
                new CreateOrganizationCommand(id, clean, caller.userId(), false, caller.actor(), clock.now()));
        freshness.await(id.value(), 0, VIEW_WAIT);
        return view(organizations.find(id.value()).orElseThrow(), caller);
    }

    @Override
    public List<OrganizationView> list(Caller caller) {
        return visible(caller).stream().map(o -> view(o, caller)).toList();
    }

    @Override
    public Page<OrganizationView> list(Caller caller, TextSearch search, PageRequest page) {
        return Page.of(
                        visible(caller).stream()
                                .filter(o -> search.matches(o.name()))
                                .toList(),
                        page)
                .map(o -> view(o, caller));
    }

    private List<OrganizationRecord> visible(Caller caller) {
        return caller.admin() ? organizations.all() : organizations.ofMember(caller.userId());
    }

    @Override
    public OrganizationView get(String id, Caller caller) {
        return view(access.visible(id, caller), caller);
    }

    @Override
    public OrganizationView rename(String id, String name, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        send(id, new RenameOrganizationCommand(new OrganizationId(id), requireName(name), caller.actor(), clock.now()));
        return get(id, caller);
    }

    @Override
    public OrganizationView setEnabled(String id, boolean enabled, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        requireOwner(org, caller, "only the owner enables or disables an organisation");
        send(id, new ChangeOrganizationStatusCommand(new OrganizationId(id), enabled, caller.actor(), clock.now()));
        return get(id, caller);
    }

    @Override
    public List<MemberView> members(String id, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        return org.members().entrySet().stream()
                .map(this::member)
                .sorted(Comparator.comparing(MemberView::role).thenComparing(MemberView::username))
                .toList();
    }

    @Override
    public MemberView addMember(String id, String username, String role, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        MemberRole wanted = role == null ? MemberRole.MEMBER : MemberRole.of(role);
        requireManager(org, caller);
        if (wanted == MemberRole.ADMIN) {
            requireOwner(org, caller, "only the owner makes admins");
        }
        if (username == null || username.isBlank()) {
            throw new InvalidValueException("username", "username is required");
        }
        UserView user = users.findByUsername(username.trim())
                .filter(UserView::enabled)
                .orElseThrow(() -> new InvalidValueException("username", "there is no user '" + username + "'"));
        send(
                id,
                new AddOrganizationMemberCommand(
                        new OrganizationId(id), user.userId(), wanted, caller.actor(), clock.now()));
        return new MemberView(user.userId(), user.username(), wanted.name());
    }

    @Override
    public InvitationView invite(String id, String username, String role, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        MemberRole wanted = role == null ? MemberRole.MEMBER : MemberRole.of(role);
        requireManager(org, caller);
        if (wanted == MemberRole.ADMIN) {
            requireOwner(org, caller, "only the owner invites admins");
        }
        if (username == null || username.isBlank()) {
            throw new InvalidValueException("username", "username is required");
        }
        UserView user = users.findByUsername(username.trim())
                .filter(UserView::enabled)
                .orElseThrow(() -> new InvalidValueException("username", "there is no user '" + username + "'"));
        send(
                id,
                new InviteOrganizationMemberCommand(
                        new OrganizationId(id), user.userId(), wanted, caller.actor(), clock.now()));
        return new InvitationView(id, org.name(), user.userId(), user.username(), wanted.name());
    }

    @Override
    public List<InvitationView> invitations(String id, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        return organizations.invitationsOf(id).entrySet().stream()
                .map(e -> invitation(org, e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(InvitationView::username))
                .toList();
    }

    @Override
    public void withdrawInvitation(String id, String userId, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        send(
                id,
                new WithdrawOrganizationInvitationCommand(
                        new OrganizationId(id), userId, false, caller.actor(), clock.now()));
    }

    @Override
    public List<InvitationView> myInvitations(Caller caller) {
        return organizations.invitingUser(caller.userId()).stream()
                .map(o -> invitation(
                        o,
                        caller.userId(),
                        organizations.invitation(o.id(), caller.userId()).orElse(MemberRole.MEMBER)))
                .toList();
    }

    @Override
    public MemberView accept(String id, Caller caller) {
        MemberRole role = access.invitation(id, caller);
        send(
                id,
                new AcceptOrganizationInvitationCommand(
                        new OrganizationId(id), caller.userId(), caller.actor(), clock.now()));
        return member(Map.entry(caller.userId(), role));
    }

    @Override
    public void decline(String id, Caller caller) {
        access.invitation(id, caller);
        send(
                id,
                new WithdrawOrganizationInvitationCommand(
                        new OrganizationId(id), caller.userId(), true, caller.actor(), clock.now()));
    }

    private InvitationView invitation(OrganizationRecord org, String userId, MemberRole role) {
        String username = users.findById(userId).map(UserView::username).orElse("(deleted user)");
        return new InvitationView(org.id(), org.name(), userId, username, role.name());
    }

    @Override
    public MemberView changeRole(String id, String userId, String role, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        requireOwner(org, caller, "only the owner changes roles");
        requireMember(org, userId);
        MemberRole wanted = MemberRole.of(role);
        send(
                id,
                new ChangeOrganizationMemberRoleCommand(
                        new OrganizationId(id), userId, wanted, caller.actor(), clock.now()));
        return member(Map.entry(userId, wanted));
    }

    @Override
    public void removeMember(String id, String userId, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        MemberRole target = requireMember(org, userId);
        boolean leaving = userId.equals(caller.userId());
        if (!leaving) {
            requireManager(org, caller);
            if (target == MemberRole.ADMIN) {
                requireOwner(org, caller, "only the owner removes admins");
            }
        }
        send(id, new RemoveOrganizationMemberCommand(new OrganizationId(id), userId, caller.actor(), clock.now()));
    }

    @Override
    public OrganizationView transferOwnership(String id, String newOwnerId, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        requireOwner(org, caller, "only the owner transfers the ownership");
        if (newOwnerId == null || newOwnerId.isBlank()) {
            throw new InvalidValueException("userId", "userId of the new owner is required");
        }
        requireMember(org, newOwnerId);
        send(
                id,
                new TransferOrganizationOwnershipCommand(
                        new OrganizationId(id), newOwnerId, caller.actor(), clock.now()));
        return get(id, caller);
    }

    @Override
    public PolicyView policy(String id, Caller caller) {
        return policyView(access.visible(id, caller).id());
    }

    @Override
    public PolicyView grant(String id, List<String> groups, List<String> models, Long rpm, Long tpm, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        caller.requireAdmin("only platform admins grant an organisation its groups, models and limits");
        OrganizationPolicy policy = new OrganizationPolicy(groups, models, new RateLimit(rpm, tpm));
        send(
                org.id(),
                new SetOrganizationPolicyCommand(new OrganizationId(org.id()), policy, caller.actor(), clock.now()));
        return policyView(org.id());
    }

    @Override
    public PolicyView setKeyDefaults(String id, Long keyRpm, Long keyTpm, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        send(
                org.id(),
                new SetOrganizationKeyDefaultsCommand(
                        new OrganizationId(org.id()), new RateLimit(keyRpm, keyTpm), caller.actor(), clock.now()));
        return policyView(org.id());
    }

    @Override
    public BudgetView budget(String id, String userId, Caller caller) {
        return budgetView(memberReadable(id, userId, caller).id(), userId);
    }

    /** The organisation, when the caller may read what concerns the member: themselves, or a manager. */
    private OrganizationRecord memberReadable(String id, String userId, Caller caller) {
        OrganizationRecord org = access.memberReadable(id, userId, caller);
        requireMember(org, userId);
        return org;
    }

    @Override
    public List<BudgetView> budgets(String id, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        return org.members().keySet().stream()
                .sorted()
                .map(u -> budgetView(org.id(), u))
                .toList();
    }

    @Override
    public BudgetView setBudget(String id, String userId, Long monthlyBudget, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        requireMember(org, userId);
        send(
                org.id(),
                new SetMemberBudgetCommand(
                        new OrganizationId(org.id()), userId, monthlyBudget, caller.actor(), clock.now()));
        return budgetView(org.id(), userId);
    }

    static final Duration EMAIL_INVITATION_LIFETIME = Duration.ofDays(7);
    /** Most e-mail invitations one organisation sends in 24 hours (on one node): the gateway is no spam relay. */
    static final int MAX_EMAIL_INVITATIONS_PER_DAY = 50;

    private final SlidingWindowLimit invitationMails = new SlidingWindowLimit(
            MAX_EMAIL_INVITATIONS_PER_DAY,
            Duration.ofDays(1),
            "too_many_invitations",
            "an organisation sends at most "
                    + MAX_EMAIL_INVITATIONS_PER_DAY + " e-mail invitations in 24 hours; invite by username, or try "
                    + "again later");

    /** Counts one invitation mail of the organisation, or refuses it (429) when the day's are used up. */
    private void takeInvitationMail(String organizationId, Instant now) {
        invitationMails.take(organizationId, now);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Override
    public EmailInvitationView inviteByEmail(String id, String email, String role, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        MemberRole wanted = role == null ? MemberRole.MEMBER : MemberRole.of(role);
        requireManager(org, caller);
        if (wanted == MemberRole.ADMIN) {
            requireOwner(org, caller, "only the owner invites admins");
        }
        String address = email == null ? "" : email.strip();
        if (!address.matches("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]+") || address.length() > 320) {
            throw new InvalidValueException("email", "email must be an e-mail address");
        }
        if (mail == null || !mail.configured()) {
            throw new DomainException(
                    EmailErrorCode.EMAIL_NOT_CONFIGURED, "no SMTP server is configured: invite by username instead");
        }
        takeInvitationMail(org.id(), clock.now());
        StringBuilder code = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String hash = sha256(code.toString());
        Instant now = clock.now();
        Instant expires = now.plus(EMAIL_INVITATION_LIFETIME);
        send(
                org.id(),
                new InviteByEmailCommand(
                        new OrganizationId(org.id()), hash, mask(address), wanted, expires, caller.actor(), now));
        mail.send(
                address,
                "Tollgate: you are invited to " + org.name(),
                "You are invited to join the organisation \"" + org.name() + "\" on Tollgate as "
                        + wanted.name() + ". Your invitation code is:\n\n    " + code + "\n\n"
                        + "It works once, until " + expires + ". With an account, sign in and send it with "
                        + "POST /api/v1/organizations/invitations/code {\"code\": \"...\"}; without one, register "
                        + "with POST /api/v1/auth/register {\"username\", \"password\", "
                        + "\"organizationInvitation\": \"...\"} (also when registration is by invitation only).\n"
                        + "If you do not know this organisation, ignore this message.\n");
        return new EmailInvitationView(
                org.id(), org.name(), InviteByEmailCommand.invitationIdOf(hash), mask(address), wanted.name(), expires);
    }

    @Override
    public List<EmailInvitationView> emailInvitations(String id, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        Instant now = clock.now();
        return organizations.emailInvitationsOf(org.id()).stream()
                .filter(i -> now.isBefore(i.expiresAt()))
                .map(i -> new EmailInvitationView(
                        org.id(),
                        org.name(),
                        i.invitationId(),
                        i.maskedEmail(),
                        i.role().name(),
                        i.expiresAt()))
                .toList();
    }

    @Override
    public void withdrawEmailInvitation(String id, String invitationId, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        send(
                org.id(),
                new WithdrawEmailInvitationCommand(
                        new OrganizationId(org.id()), invitationId, caller.actor(), clock.now()));
    }

    @Override
    public MemberView acceptInvitationCode(String code, Caller caller) {
        String hash = sha256(code == null ? "" : code.strip());
        OrganizationDirectory.EmailInvitation invitation = organizations
                .emailInvitation(hash)
                .filter(i -> clock.now().isBefore(i.expiresAt()))
                .orElseThrow(() -> new DomainException(
                        OrganizationErrorCode.INVITATION_NOT_FOUND,
                        "this invitation code is not valid (used, withdrawn or expired)"));
        send(
                invitation.organizationId(),
                new AcceptEmailInvitationCommand(
                        new OrganizationId(invitation.organizationId()),
                        hash,
                        caller.userId(),
                        caller.actor(),
                        clock.now()));
        return member(Map.entry(caller.userId(), invitation.role()));
    }

    @Override
    public boolean invitationCodeValid(String code) {
        return code != null
                && organizations
                        .emailInvitation(sha256(code.strip()))
                        .filter(i -> clock.now().isBefore(i.expiresAt()))
                        .isPresent();
    }

    /** {@code ann@example.com} → {@code a***@example.com}. */
    static String mask(String address) {
        int at = address.lastIndexOf('@');
        return address.charAt(0) + "***" + address.substring(at);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public MemberLimitView memberLimit(String id, String userId, Caller caller) {
        OrganizationRecord org = memberReadable(id, userId, caller);
        RateLimit l = organizations.memberLimitOf(org.id(), userId);
        return new MemberLimitView(org.id(), userId, l.rpm(), l.tpm());
    }

    @Override
    public MemberLimitView setMemberLimit(String id, String userId, Long rpm, Long tpm, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        requireMember(org, userId);
        send(
                org.id(),
                new SetMemberRateLimitCommand(
                        new OrganizationId(org.id()), userId, new RateLimit(rpm, tpm), caller.actor(), clock.now()));
        return memberLimit(id, userId, caller);
    }

    private PolicyView policyView(String orgId) {
        OrganizationPolicy p = organizations.policyOf(orgId);
        RateLimit d = organizations.keyDefaultsOf(orgId);
        return new PolicyView(
                orgId,
                p.groups(),
                p.models(),
                p.rateLimit().rpm(),
                p.rateLimit().tpm(),
                d.rpm(),
                d.tpm());
    }

    private BudgetView budgetView(String orgId, String userId) {
        BudgetFigures f = ledger.budgetFigures(orgId, userId);
        Long limit = organizations.budgetOf(orgId, userId).orElse(null);
        Long remaining = limit == null ? null : Math.max(0, limit - f.used() - f.reserved());
        YearMonth month = f.month();
        return new BudgetView(
                orgId,
                userId,
                limit,
                f.used(),
                f.reserved(),
                remaining,
                month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private void send(String id, Object command) {
        long version = commands.sendAndWait(command);
        freshness.await(id, version, VIEW_WAIT);
    }

    private static MemberRole requireMember(OrganizationRecord org, String userId) {
        return org.roleOf(userId)
                .orElseThrow(() -> new DomainException(
                        OrganizationErrorCode.MEMBER_NOT_FOUND,
                        "user " + userId + " is not a member of this organisation"));
    }

    private static String requireName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new InvalidValueException("name", "name must have 1 to 100 characters");
        }
        return clean;
    }

    private MemberView member(Map.Entry<String, MemberRole> e) {
        String username = users.findById(e.getKey()).map(UserView::username).orElse("(deleted user)");
        return new MemberView(e.getKey(), username, e.getValue().name());
    }

    private static OrganizationView view(OrganizationRecord o, Caller caller) {
        return new OrganizationView(
                o.id(),
                o.name(),
                o.personal(),
                o.enabled() ? "enabled" : "disabled",
                o.createdAt(),
                o.roleOf(caller.userId()).map(Enum::name).orElse(null),
                o.members().size());
    }
}
