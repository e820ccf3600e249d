package dev.tollgate.application.organization.service;

import static dev.tollgate.application.organization.port.in.OrganizationAccess.requireGrantable;
import static dev.tollgate.application.organization.port.in.OrganizationAccess.requireManager;
import static dev.tollgate.application.organization.port.in.OrganizationAccess.requireMember;
import static dev.tollgate.application.organization.port.in.OrganizationAccess.requireOwner;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import dev.tollgate.application.organization.port.out.BudgetFiguresPort;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.command.AddOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.ChangeOrganizationMemberRoleCommand;
import dev.tollgate.domain.organization.command.ChangeOrganizationStatusCommand;
import dev.tollgate.domain.organization.command.CreateOrganizationCommand;
import dev.tollgate.domain.organization.command.RemoveOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.RenameOrganizationCommand;
import dev.tollgate.domain.organization.command.TransferOrganizationOwnershipCommand;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Who may do what: members see their organisation; its OWNER and ADMINs rename it and add or remove MEMBERs; only
 * the OWNER gives or takes the ADMIN role, removes an ADMIN, disables it or transfers it; platform admins may do all.
 * Anyone else is told the organisation does not exist. Invitations are {@link OrganizationInvitations}' job, policies,
 * budgets and limits {@link OrganizationAllowances}'.
 */
public class OrganizationService implements OrganizationUseCase {
    static final int MAX_OWNED = 20;

    private final OrganizationCommands commands;
    private final OrganizationDirectory organizations;
    private final UserDirectory users;
    private final OrganizationAccess access;
    private final MemberViews members;
    private final ClockPort clock;
    private final IdGeneratorPort ids;
    private final OrganizationInvitations invitations;
    private final OrganizationAllowances allowances;

    public OrganizationService(
            CommandGateway commands,
            OrganizationDirectory organizations,
            UserDirectory users,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness,
            BudgetFiguresPort ledger,
            MailPort mail) {
        this.commands = new OrganizationCommands(commands, freshness);
        this.organizations = organizations;
        this.access = new OrganizationAccess(organizations);
        this.members = new MemberViews(users);
        this.users = users;
        this.clock = clock;
        this.ids = ids;
        this.invitations =
                new OrganizationInvitations(organizations, access, users, this.commands, members, clock, mail);
        this.allowances = new OrganizationAllowances(organizations, access, this.commands, clock, ledger);
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
        commands.create(new CreateOrganizationCommand(id, clean, caller.userId(), false, caller.actor(), clock.now()));
        return view(organizations.find(id.value()).orElseThrow(), caller);
    }

    @Override
    public List<OrganizationView> list(Caller caller) {
        List<OrganizationRecord> visible =
                caller.admin() ? organizations.all() : organizations.ofMember(caller.userId());
        return visible.stream().map(o -> view(o, caller)).toList();
    }

    @Override
    public OrganizationView get(String id, Caller caller) {
        return view(access.visible(id, caller), caller);
    }

    @Override
    public OrganizationView rename(String id, String name, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        commands.send(
                id,
                new RenameOrganizationCommand(new OrganizationId(id), requireName(name), caller.actor(), clock.now()));
        return get(id, caller);
    }

    @Override
    public OrganizationView setEnabled(String id, boolean enabled, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        requireOwner(org, caller, "only the owner enables or disables an organisation");
        commands.send(
                id, new ChangeOrganizationStatusCommand(new OrganizationId(id), enabled, caller.actor(), clock.now()));
        return get(id, caller);
    }

    @Override
    public MemberView addMember(String id, String username, String role, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        MemberRole wanted = requireGrantable(org, caller, role, "only the owner makes admins");
        UserView user = members.enabledUser(username);
        commands.send(
                id,
                new AddOrganizationMemberCommand(
                        new OrganizationId(id), user.userId(), wanted, caller.actor(), clock.now()));
        return new MemberView(user.userId(), user.username(), wanted.name());
    }

    @Override
    public MemberView changeRole(String id, String userId, String role, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        requireOwner(org, caller, "only the owner changes roles");
        requireMember(org, userId);
        MemberRole wanted = MemberRole.of(role);
        commands.send(
                id,
                new ChangeOrganizationMemberRoleCommand(
                        new OrganizationId(id), userId, wanted, caller.actor(), clock.now()));
        return members.view(userId, wanted);
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
        commands.send(
                id, new RemoveOrganizationMemberCommand(new OrganizationId(id), userId, caller.actor(), clock.now()));
    }

    @Override
    public OrganizationView transferOwnership(String id, String newOwnerId, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        requireOwner(org, caller, "only the owner transfers the ownership");
        if (newOwnerId == null || newOwnerId.isBlank()) {
            throw new InvalidValueException("userId", "userId of the new owner is required");
        }
        requireMember(org, newOwnerId);
        commands.send(
                id,
                new TransferOrganizationOwnershipCommand(
                        new OrganizationId(id), newOwnerId, caller.actor(), clock.now()));
        return get(id, caller);
    }

    @Override
    public InvitationView invite(String id, String username, String role, Caller caller) {
        return invitations.invite(id, username, role, caller);
    }

    @Override
    public List<InvitationView> invitations(String id, Caller caller) {
        return invitations.invitations(id, caller);
    }

    @Override
    public void withdrawInvitation(String id, String userId, Caller caller) {
        invitations.withdrawInvitation(id, userId, caller);
    }

    @Override
    public List<InvitationView> myInvitations(Caller caller) {
        return invitations.myInvitations(caller);
    }

    @Override
    public MemberView accept(String id, Caller caller) {
        return invitations.accept(id, caller);
    }

    @Override
    public void decline(String id, Caller caller) {
        invitations.decline(id, caller);
    }

    @Override
    public EmailInvitationView inviteByEmail(String id, String email, String role, Caller caller) {
        return invitations.inviteByEmail(id, email, role, caller);
    }

    @Override
    public List<EmailInvitationView> emailInvitations(String id, Caller caller) {
        return invitations.emailInvitations(id, caller);
    }

    @Override
    public void withdrawEmailInvitation(String id, String invitationId, Caller caller) {
        invitations.withdrawEmailInvitation(id, invitationId, caller);
    }

    @Override
    public MemberView acceptInvitationCode(String code, Caller caller) {
        return invitations.acceptInvitationCode(code, caller);
    }

    @Override
    public boolean invitationCodeValid(String code) {
        return invitations.invitationCodeValid(code);
    }

    @Override
    public PolicyView policy(String id, Caller caller) {
        return allowances.policy(id, caller);
    }

    @Override
    public PolicyView grant(String id, List<String> groups, List<String> models, Long rpm, Long tpm, Caller caller) {
        return allowances.grant(id, groups, models, rpm, tpm, caller);
    }

    @Override
    public PolicyView setKeyDefaults(String id, Long keyRpm, Long keyTpm, Caller caller) {
        return allowances.setKeyDefaults(id, keyRpm, keyTpm, caller);
    }

    @Override
    public BudgetView budget(String id, String userId, Caller caller) {
        return allowances.budget(id, userId, caller);
    }

    @Override
    public List<BudgetView> budgets(String id, Caller caller) {
        return allowances.budgets(id, caller);
    }

    @Override
    public BudgetView setBudget(String id, String userId, Long monthlyBudget, Caller caller) {
        return allowances.setBudget(id, userId, monthlyBudget, caller);
    }

    @Override
    public MemberLimitView memberLimit(String id, String userId, Caller caller) {
        return allowances.memberLimit(id, userId, caller);
    }

    @Override
    public MemberLimitView setMemberLimit(String id, String userId, Long rpm, Long tpm, Caller caller) {
        return allowances.setMemberLimit(id, userId, rpm, tpm, caller);
    }

    private static String requireName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new InvalidValueException("name", "name must have 1 to 100 characters");
        }
        return clean;
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
