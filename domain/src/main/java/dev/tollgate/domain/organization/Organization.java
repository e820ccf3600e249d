package dev.tollgate.domain.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.tollgate.domain.common.DomainException;
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
import dev.tollgate.domain.organization.event.MemberBudgetSetEvent;
import dev.tollgate.domain.organization.event.MemberRateLimitSetEvent;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationAcceptedEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationSentEvent;
import dev.tollgate.domain.organization.event.OrganizationEmailInvitationWithdrawnEvent;
import dev.tollgate.domain.organization.event.OrganizationInvitationAcceptedEvent;
import dev.tollgate.domain.organization.event.OrganizationInvitationWithdrawnEvent;
import dev.tollgate.domain.organization.event.OrganizationKeyDefaultsSetEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberAddedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberInvitedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRemovedEvent;
import dev.tollgate.domain.organization.event.OrganizationMemberRoleChangedEvent;
import dev.tollgate.domain.organization.event.OrganizationOwnershipTransferredEvent;
import dev.tollgate.domain.organization.event.OrganizationPolicySetEvent;
import dev.tollgate.domain.organization.event.OrganizationRenamedEvent;
import dev.tollgate.domain.organization.event.OrganizationStatusChangedEvent;
import dev.tollgate.domain.token.RateLimit;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An organisation and its members. It always has exactly one OWNER: the owner can be neither removed nor demoted,
 * ownership only moves by transfer to another member. A personal organisation belongs to one user and has no other
 * members. Who may ask for a change is checked by the application; the rules that hold whoever asks are here.
 * Command handlers return the aggregate's version after the change.
 */
public class Organization {
    @AggregateIdentifier
    private OrganizationId id;

    private boolean personal;
    private boolean enabled;
    private String name;
    private final Map<String, MemberRole> members = new HashMap<>();
    private final Map<String, MemberRole> invited = new HashMap<>();
    private OrganizationPolicy policy = OrganizationPolicy.NONE;
    private RateLimit keyDefaults = RateLimit.NONE;
    private final Map<String, Long> budgets = new HashMap<>();
    /** E-mailed invitations waiting, by the hash of their code. */
    private final Map<String, EmailInvitation> emailInvitations = new HashMap<>();

    private final Map<String, RateLimit> memberLimits = new HashMap<>();
    private long version = -1;

    protected Organization() {
        // for the event-sourcing repository
    }

    @CommandHandler
    public Organization(CreateOrganizationCommand command) {
        apply(new OrganizationCreatedEvent(
                command.id().value(),
                command.name(),
                command.ownerId(),
                command.personal(),
                command.actor(),
                command.at()));
    }

    @CommandHandler
    public long handle(RenameOrganizationCommand command) {
        if (!command.name().equals(name)) {
            apply(new OrganizationRenamedEvent(id.value(), command.name(), command.actor(), command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(ChangeOrganizationStatusCommand command) {
        if (personal && !command.enabled()) {
            throw new DomainException(
                    OrganizationErrorCode.PERSONAL_ORGANIZATION,
                    "a personal organisation is disabled with its user, not on its own");
        }
        if (command.enabled() != enabled) {
            apply(new OrganizationStatusChangedEvent(id.value(), command.enabled(), command.actor(), command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(AddOrganizationMemberCommand command) {
        requireNewMember(command.userId());
        requireNotOwnerRole(command.role());
        apply(new OrganizationMemberAddedEvent(
                id.value(), command.userId(), command.role().name(), command.actor(), command.at()));
        return version;
    }

    /** Someone who may join: this is not a personal organisation, and they are not a member yet. */
    private void requireNewMember(String userId) {
        if (personal) {
            throw new DomainException(
                    OrganizationErrorCode.PERSONAL_ORGANIZATION,
                    "a personal organisation has no other members; create an organisation to share");
        }
        if (members.containsKey(userId)) {
            throw new DomainException(
                    OrganizationErrorCode.ALREADY_A_MEMBER, "user " + userId + " is already a member");
        }
    }

    @CommandHandler
    public long handle(ChangeOrganizationMemberRoleCommand command) {
        MemberRole current = requireMember(command.userId());
        if (current == MemberRole.OWNER) {
            throw new DomainException(
                    OrganizationErrorCode.OWNER_REQUIRED,
                    "the owner's role changes only by transferring the ownership");
        }
        requireNotOwnerRole(command.role());
        if (current != command.role()) {
            apply(new OrganizationMemberRoleChangedEvent(
                    id.value(), command.userId(), command.role().name(), command.actor(), command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(RemoveOrganizationMemberCommand command) {
        if (requireMember(command.userId()) == MemberRole.OWNER) {
            throw new DomainException(
                    OrganizationErrorCode.OWNER_REQUIRED, "the owner cannot be removed; transfer the ownership first");
        }
        apply(new OrganizationMemberRemovedEvent(id.value(), command.userId(), command.actor(), command.at()));
        return version;
    }

    @CommandHandler
    public long handle(TransferOrganizationOwnershipCommand command) {
        if (personal) {
            throw new DomainException(
                    OrganizationErrorCode.PERSONAL_ORGANIZATION, "a personal organisation cannot change hands");
        }
        MemberRole role = requireMember(command.newOwnerId());
        if (role != MemberRole.OWNER) {
            apply(new OrganizationOwnershipTransferredEvent(
                    id.value(), owner(), command.newOwnerId(), command.actor(), command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(InviteOrganizationMemberCommand command) {
        requireNewMember(command.userId());
        if (invited.containsKey(command.userId())) {
            throw new DomainException(
                    OrganizationErrorCode.ALREADY_INVITED, "user " + command.userId() + " is already invited");
        }
        requireNotOwnerRole(command.role());
        apply(new OrganizationMemberInvitedEvent(
                id.value(), command.userId(), command.role().name(), command.actor(), command.at()));
        return version;
    }

    @CommandHandler
    public long handle(AcceptOrganizationInvitationCommand command) {
        MemberRole role = requireInvited(command.userId());
        apply(new OrganizationInvitationAcceptedEvent(
                id.value(), command.userId(), role.name(), command.actor(), command.at()));
        return version;
    }

    @CommandHandler
    public long handle(WithdrawOrganizationInvitationCommand command) {
        requireInvited(command.userId());
        apply(new OrganizationInvitationWithdrawnEvent(
                id.value(), command.userId(), command.declined(), command.actor(), command.at()));
        return version;
    }

    private MemberRole requireInvited(String userId) {
        MemberRole role = invited.get(userId);
        if (role == null) {
            throw new DomainException(
                    OrganizationErrorCode.INVITATION_NOT_FOUND,
                    "user " + userId + " has no invitation to organisation " + id);
        }
        return role;
    }

    /** Platform admins grant groups, models and an organisation-wide rate limit; a change adds an event. */
    @CommandHandler
    public long handle(SetOrganizationPolicyCommand command) {
        OrganizationPolicy p = command.policy();
        if (!p.equals(policy)) {
            apply(new OrganizationPolicySetEvent(
                    id.value(),
                    p.groups(),
                    p.models(),
                    p.rateLimit().rpm(),
                    p.rateLimit().tpm(),
                    command.actor(),
                    command.at()));
        }
        return version;
    }

    @CommandHandler
    public long handle(SetOrganizationKeyDefaultsCommand command) {
        if (!command.keyDefaults().equals(keyDefaults)) {
            apply(new OrganizationKeyDefaultsSetEvent(
                    id.value(),
                    command.keyDefaults().rpm(),
                    command.keyDefaults().tpm(),
                    command.actor(),
                    command.at()));
        }
        return version;
    }

    /** A budget is set for a member only (a removed member's budget goes with them). */
    @CommandHandler
    public long handle(SetMemberBudgetCommand command) {
        requireMember(command.userId());
        if (!Objects.equals(budgets.get(command.userId()), command.monthlyBudget())) {
            apply(new MemberBudgetSetEvent(
                    id.value(), command.userId(), command.monthlyBudget(), command.actor(), command.at()));
        }
        return version;
    }

    /** At most this many e-mailed invitations wait at once. */
    static final int MAX_PENDING_EMAIL_INVITATIONS = 200;

    private record EmailInvitation(String invitationId, MemberRole role, Instant expiresAt) {}

    @CommandHandler
    public long handle(InviteByEmailCommand command) {
        if (personal) {
            throw new DomainException(
                    OrganizationErrorCode.PERSONAL_ORGANIZATION,
                    "a personal organisation has no other members; create an organisation to share");
        }
        requireNotOwnerRole(command.role());
        long waiting = emailInvitations.values().stream()
                .filter(i -> command.at().isBefore(i.expiresAt()))
                .count();
        if (waiting >= MAX_PENDING_EMAIL_INVITATIONS) {
            throw new DomainException(
                    OrganizationErrorCode.TOO_MANY_INVITATIONS,
                    "the organisation has " + MAX_PENDING_EMAIL_INVITATIONS
                            + " e-mailed invitations waiting; withdraw some first");
        }
        apply(new OrganizationEmailInvitationSentEvent(
                id.value(),
                InviteByEmailCommand.invitationIdOf(command.codeHash()),
                command.codeHash(),
                command.maskedEmail(),
                command.role().name(),
                command.expiresAt(),
                command.actor(),
                command.at()));
        return version;
    }

    /** A code works once, before it expires, for someone who is not a member yet. */
    @CommandHandler
    public long handle(AcceptEmailInvitationCommand command) {
        EmailInvitation invitation = emailInvitations.get(command.codeHash());
        if (invitation == null || !command.at().isBefore(invitation.expiresAt())) {
            throw new DomainException(
                    OrganizationErrorCode.INVITATION_NOT_FOUND,
                    "this invitation code is not valid (used, withdrawn or expired)");
        }
        if (!enabled) {
            throw new DomainException(
                    OrganizationErrorCode.ORGANIZATION_DISABLED,
                    "the organisation is disabled and takes no new members");
        }
        if (members.containsKey(command.userId())) {
            throw new DomainException(
                    OrganizationErrorCode.ALREADY_A_MEMBER, "user " + command.userId() + " is already a member");
        }
        apply(new OrganizationEmailInvitationAcceptedEvent(
                id.value(),
                invitation.invitationId(),
                command.userId(),
                invitation.role().name(),
                command.actor(),
                command.at()));
        return version;
    }

    @CommandHandler
    public long handle(WithdrawEmailInvitationCommand command) {
        if (emailInvitations.values().stream().noneMatch(i -> i.invitationId().equals(command.invitationId()))) {
            throw new DomainException(
                    OrganizationErrorCode.INVITATION_NOT_FOUND, "no e-mailed invitation " + command.invitationId());
        }
        apply(new OrganizationEmailInvitationWithdrawnEvent(
                id.value(), command.invitationId(), command.actor(), command.at()));
        return version;
    }

    @EventSourcingHandler
    void on(OrganizationEmailInvitationSentEvent event) {
        emailInvitations.values().removeIf(i -> !event.at().isBefore(i.expiresAt()));
        emailInvitations.put(
                event.codeHash(),
                new EmailInvitation(event.invitationId(), MemberRole.valueOf(event.role()), event.expiresAt()));
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationEmailInvitationAcceptedEvent event) {
        emailInvitations.values().removeIf(i -> i.invitationId().equals(event.invitationId()));
        invited.remove(event.userId());
        members.put(event.userId(), MemberRole.valueOf(event.role()));
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationEmailInvitationWithdrawnEvent event) {
        emailInvitations.values().removeIf(i -> i.invitationId().equals(event.invitationId()));
        version++;
    }

    @CommandHandler
    public long handle(SetMemberRateLimitCommand command) {
        requireMember(command.userId());
        if (!command.limit().equals(memberLimits.getOrDefault(command.userId(), RateLimit.NONE))) {
            apply(new MemberRateLimitSetEvent(
                    id.value(),
                    command.userId(),
                    command.limit().rpm(),
                    command.limit().tpm(),
                    command.actor(),
                    command.at()));
        }
        return version;
    }

    @EventSourcingHandler
    void on(MemberRateLimitSetEvent event) {
        memberLimits.put(event.userId(), new RateLimit(event.rpm(), event.tpm()));
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationPolicySetEvent event) {
        policy = new OrganizationPolicy(event.groups(), event.models(), new RateLimit(event.rpm(), event.tpm()));
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationKeyDefaultsSetEvent event) {
        keyDefaults = new RateLimit(event.rpm(), event.tpm());
        version++;
    }

    @EventSourcingHandler
    void on(MemberBudgetSetEvent event) {
        if (event.monthlyBudget() == null) {
            budgets.remove(event.userId());
        } else {
            budgets.put(event.userId(), event.monthlyBudget());
        }
        version++;
    }

    private String owner() {
        return members.entrySet().stream()
                .filter(e -> e.getValue() == MemberRole.OWNER)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private MemberRole requireMember(String userId) {
        MemberRole role = members.get(userId);
        if (role == null) {
            throw new DomainException(
                    OrganizationErrorCode.MEMBER_NOT_FOUND,
                    "user " + userId + " is not a member of organisation " + id);
        }
        return role;
    }

    private static void requireNotOwnerRole(MemberRole role) {
        if (role == MemberRole.OWNER) {
            throw new DomainException(
                    OrganizationErrorCode.OWNER_REQUIRED,
                    "an organisation has one owner; transfer the ownership instead");
        }
    }

    @EventSourcingHandler
    void on(OrganizationCreatedEvent event) {
        id = new OrganizationId(event.organizationId());
        name = event.name();
        personal = event.personal();
        enabled = true;
        members.put(event.ownerId(), MemberRole.OWNER);
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationMemberInvitedEvent event) {
        invited.put(event.userId(), MemberRole.valueOf(event.role()));
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationInvitationAcceptedEvent event) {
        invited.remove(event.userId());
        members.put(event.userId(), MemberRole.valueOf(event.role()));
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationInvitationWithdrawnEvent event) {
        invited.remove(event.userId());
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationRenamedEvent event) {
        name = event.name();
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationStatusChangedEvent event) {
        enabled = event.enabled();
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationMemberAddedEvent event) {
        invited.remove(event.userId());
        members.put(event.userId(), MemberRole.valueOf(event.role()));
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationMemberRoleChangedEvent event) {
        members.put(event.userId(), MemberRole.valueOf(event.role()));
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationMemberRemovedEvent event) {
        members.remove(event.userId());
        budgets.remove(event.userId());
        memberLimits.remove(event.userId());
        version++;
    }

    @EventSourcingHandler
    void on(OrganizationOwnershipTransferredEvent event) {
        members.put(event.previousOwnerId(), MemberRole.ADMIN);
        members.put(event.newOwnerId(), MemberRole.OWNER);
        version++;
    }
}
