package dev.tollgate.application.organization.port.in;

import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationPolicy;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;

/** Organisations and their members, in memory. */
public class OrganizationDirectory {
    /** One organisation as it is now; {@code members} by user id. */
    public record OrganizationRecord(
            String id,
            String name,
            boolean personal,
            boolean enabled,
            Instant createdAt,
            Map<String, MemberRole> members) {
        public Optional<MemberRole> roleOf(String userId) {
            return Optional.ofNullable(members.get(userId));
        }
    }

    private final Map<String, OrganizationRecord> byId = new ConcurrentHashMap<>();
    private final ViewFreshness freshness;

    public OrganizationDirectory(ViewFreshness freshness) {
        this.freshness = freshness;
    }

    @EventHandler
    void on(OrganizationCreatedEvent e, @SequenceNumber long sequence) {
        Map<String, MemberRole> members = new LinkedHashMap<>();
        members.put(e.ownerId(), MemberRole.OWNER);
        byId.put(
                e.organizationId(),
                new OrganizationRecord(e.organizationId(), e.name(), e.personal(), true, e.at(), Map.copyOf(members)));
        freshness.applied(e.organizationId(), sequence);
    }

    @EventHandler
    void on(OrganizationRenamedEvent e, @SequenceNumber long sequence) {
        update(
                e.organizationId(),
                r -> new OrganizationRecord(r.id(), e.name(), r.personal(), r.enabled(), r.createdAt(), r.members()),
                sequence);
    }

    @EventHandler
    void on(OrganizationStatusChangedEvent e, @SequenceNumber long sequence) {
        update(
                e.organizationId(),
                r -> new OrganizationRecord(r.id(), r.name(), r.personal(), e.enabled(), r.createdAt(), r.members()),
                sequence);
    }

    @EventHandler
    void on(OrganizationMemberAddedEvent e, @SequenceNumber long sequence) {
        uninvite(e.organizationId(), e.userId());
        member(e.organizationId(), e.userId(), MemberRole.valueOf(e.role()), sequence);
    }

    @EventHandler
    void on(OrganizationMemberRoleChangedEvent e, @SequenceNumber long sequence) {
        member(e.organizationId(), e.userId(), MemberRole.valueOf(e.role()), sequence);
    }

    @EventHandler
    void on(OrganizationMemberRemovedEvent e, @SequenceNumber long sequence) {
        Map<String, Long> of = budgets.get(e.organizationId());
        if (of != null) {
            of.remove(e.userId());
        }
        Map<String, RateLimit> limits = memberLimits.get(e.organizationId());
        if (limits != null) {
            limits.remove(e.userId());
        }
        member(e.organizationId(), e.userId(), null, sequence);
    }

    @EventHandler
    void on(OrganizationOwnershipTransferredEvent e, @SequenceNumber long sequence) {
        update(
                e.organizationId(),
                r -> {
                    Map<String, MemberRole> members = new LinkedHashMap<>(r.members());
                    members.put(e.previousOwnerId(), MemberRole.ADMIN);
                    members.put(e.newOwnerId(), MemberRole.OWNER);
                    return new OrganizationRecord(
                            r.id(), r.name(), r.personal(), r.enabled(), r.createdAt(), Map.copyOf(members));
                },
                sequence);
    }

    /** Pending invitations: organisation id → invited user id → role. */
    private final Map<String, Map<String, MemberRole>> invitations = new ConcurrentHashMap<>();

    @EventHandler
    void on(OrganizationMemberInvitedEvent e, @SequenceNumber long sequence) {
        invitations
                .computeIfAbsent(e.organizationId(), k -> new ConcurrentHashMap<>())
                .put(e.userId(), MemberRole.valueOf(e.role()));
        freshness.applied(e.organizationId(), sequence);
    }

    @EventHandler
    void on(OrganizationInvitationAcceptedEvent e, @SequenceNumber long sequence) {
        uninvite(e.organizationId(), e.userId());
        member(e.organizationId(), e.userId(), MemberRole.valueOf(e.role()), sequence);
    }

    @EventHandler
    void on(OrganizationInvitationWithdrawnEvent e, @SequenceNumber long sequence) {
        uninvite(e.organizationId(), e.userId());
        freshness.applied(e.organizationId(), sequence);
    }

    private void uninvite(String orgId, String userId) {
        Map<String, MemberRole> pending = invitations.get(orgId);
        if (pending != null) {
            pending.remove(userId);
        }
    }

    /** The organisation's pending invitations, by user id. */
    public Map<String, MemberRole> invitationsOf(String orgId) {
        return Map.copyOf(invitations.getOrDefault(orgId, Map.of()));
    }

    /** The role a user is invited with, if they are. */
    public Optional<MemberRole> invitation(String orgId, String userId) {
        return Optional.ofNullable(invitations.getOrDefault(orgId, Map.of()).get(userId));
    }

    /** The organisations that invited the user. */
    public List<OrganizationRecord> invitingUser(String userId) {
        return invitations.entrySet().stream()
                .filter(e -> e.getValue().containsKey(userId))
                .map(e -> byId.get(e.getKey()))
                .filter(Objects::nonNull)
                .sorted(ORDER)
                .toList();
    }

    private void member(String orgId, String userId, MemberRole role, long sequence) {
        update(
                orgId,
                r -> {
                    Map<String, MemberRole> members = new LinkedHashMap<>(r.members());
                    if (role == null) {
                        members.remove(userId);
                    } else {
                        members.put(userId, role);
                    }
                    return new OrganizationRecord(
                            r.id(), r.name(), r.personal(), r.enabled(), r.createdAt(), Map.copyOf(members));
                },
                sequence);
    }

    private void update(String id, UnaryOperator<OrganizationRecord> change, long sequence) {
        byId.computeIfPresent(id, (k, r) -> change.apply(r));
        freshness.applied(id, sequence);
    }

    private final Map<String, OrganizationPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, RateLimit> keyDefaults = new ConcurrentHashMap<>();
    /** Monthly budgets: organisation id → user id → units per calendar month. */
    private final Map<String, Map<String, Long>> budgets = new ConcurrentHashMap<>();

    @EventHandler
    void on(OrganizationPolicySetEvent e, @SequenceNumber long sequence) {
        policies.put(
                e.organizationId(), new OrganizationPolicy(e.groups(), e.models(), new RateLimit(e.rpm(), e.tpm())));
        freshness.applied(e.organizationId(), sequence);
    }

    @EventHandler
    void on(OrganizationKeyDefaultsSetEvent e, @SequenceNumber long sequence) {
        keyDefaults.put(e.organizationId(), new RateLimit(e.rpm(), e.tpm()));
        freshness.applied(e.organizationId(), sequence);
    }

    @EventHandler
    void on(MemberBudgetSetEvent e, @SequenceNumber long sequence) {
        Map<String, Long> of = budgets.computeIfAbsent(e.organizationId(), k -> new ConcurrentHashMap<>());
        if (e.monthlyBudget() == null) {
            of.remove(e.userId());
        } else {
            of.put(e.userId(), e.monthlyBudget());
        }
        freshness.applied(e.organizationId(), sequence);
    }

    private final Map<String, Map<String, RateLimit>> memberLimits = new ConcurrentHashMap<>();

    @EventHandler
    void on(MemberRateLimitSetEvent e, @SequenceNumber long sequence) {
        memberLimits
                .computeIfAbsent(e.organizationId(), k -> new ConcurrentHashMap<>())
                .put(e.userId(), new RateLimit(e.rpm(), e.tpm()));
        freshness.applied(e.organizationId(), sequence);
    }

    /** How fast all of one member's keys in the organisation may go together. */
    public RateLimit memberLimitOf(String orgId, String userId) {
        return memberLimits.getOrDefault(orgId, Map.of()).getOrDefault(userId, RateLimit.NONE);
    }

    /** An invitation e-mailed and not used yet. */
    public record EmailInvitation(
            String organizationId,
            String invitationId,
            String maskedEmail,
            MemberRole role,
            Instant expiresAt,
            Instant sentAt) {}

    /** E-mailed invitations waiting, by the hash of their code. */
    private final Map<String, EmailInvitation> emailInvitations = new ConcurrentHashMap<>();

    @EventHandler
    void on(OrganizationEmailInvitationSentEvent e, @SequenceNumber long sequence) {
        emailInvitations.put(
                e.codeHash(),
                new EmailInvitation(
                        e.organizationId(),
                        e.invitationId(),
                        e.maskedEmail(),
                        MemberRole.valueOf(e.role()),
                        e.expiresAt(),
                        e.at()));
        freshness.applied(e.organizationId(), sequence);
    }

    @EventHandler
    void on(OrganizationEmailInvitationAcceptedEvent e, @SequenceNumber long sequence) {
        emailInvitations
                .values()
                .removeIf(i -> i.organizationId().equals(e.organizationId())
                        && i.invitationId().equals(e.invitationId()));
        member(e.organizationId(), e.userId(), MemberRole.valueOf(e.role()), sequence);
    }

    @EventHandler
    void on(OrganizationEmailInvitationWithdrawnEvent e, @SequenceNumber long sequence) {
        emailInvitations
                .values()
                .removeIf(i -> i.organizationId().equals(e.organizationId())
                        && i.invitationId().equals(e.invitationId()));
        freshness.applied(e.organizationId(), sequence);
    }

    /** The e-mailed invitation with this code hash, if it waits (expired ones included). */
    public Optional<EmailInvitation> emailInvitation(String codeHash) {
        return Optional.ofNullable(emailInvitations.get(codeHash));
    }

    /** The organisation's e-mailed invitations waiting, newest first. */
    public List<EmailInvitation> emailInvitationsOf(String orgId) {
        return emailInvitations.values().stream()
                .filter(i -> i.organizationId().equals(orgId))
                .sorted(Comparator.comparing(EmailInvitation::sentAt).reversed())
                .toList();
    }

    /** What platform admins granted the organisation (nothing granted: the default group, every model, no limit). */
    public OrganizationPolicy policyOf(String orgId) {
        return policies.getOrDefault(orgId, OrganizationPolicy.NONE);
    }

    /** The rate limit a key of the organisation gets when it has none of its own. */
    public RateLimit keyDefaultsOf(String orgId) {
        return keyDefaults.getOrDefault(orgId, RateLimit.NONE);
    }

    /** The member's monthly budget in the organisation, if one is set. */
    public Optional<Long> budgetOf(String orgId, String userId) {
        return Optional.ofNullable(budgets.getOrDefault(orgId, Map.of()).get(userId));
    }

    /** Every member budget of the organisation, by user id. */
    public Map<String, Long> budgetsOf(String orgId) {
        return Map.copyOf(budgets.getOrDefault(orgId, Map.of()));
    }

    public Optional<OrganizationRecord> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The organisations a user belongs to, personal first, then by name. */
    public List<OrganizationRecord> ofMember(String userId) {
        return byId.values().stream()
                .filter(r -> r.members().containsKey(userId))
                .sorted(ORDER)
                .toList();
    }

    public List<OrganizationRecord> all() {
        return byId.values().stream().sorted(ORDER).toList();
    }

    private static final Comparator<OrganizationRecord> ORDER = Comparator.comparing(
                    (OrganizationRecord r) -> !r.personal())
            .thenComparing(OrganizationRecord::name)
            .thenComparing(OrganizationRecord::id);
}
