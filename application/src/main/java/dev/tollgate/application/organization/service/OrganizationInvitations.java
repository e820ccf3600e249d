package dev.tollgate.application.organization.service;

import static dev.tollgate.application.organization.port.in.OrganizationAccess.requireGrantable;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.SlidingWindowLimit;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.EmailInvitationView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.InvitationView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberView;
import dev.tollgate.domain.account.EmailErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationErrorCode;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.command.AcceptEmailInvitationCommand;
import dev.tollgate.domain.organization.command.AcceptOrganizationInvitationCommand;
import dev.tollgate.domain.organization.command.InviteByEmailCommand;
import dev.tollgate.domain.organization.command.InviteOrganizationMemberCommand;
import dev.tollgate.domain.organization.command.WithdrawEmailInvitationCommand;
import dev.tollgate.domain.organization.command.WithdrawOrganizationInvitationCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Invitations to an organisation, by username and by e-mail: its OWNER and ADMINs invite (only the OWNER invites
 * ADMINs), list and withdraw; the invited user accepts or declines; an e-mailed code works once until it expires.
 * Part of {@link OrganizationService}.
 */
class OrganizationInvitations {
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

    private final OrganizationDirectory organizations;
    private final OrganizationAccess access;
    private final UserDirectory users;
    private final OrganizationCommands commands;
    private final MemberViews members;
    private final ClockPort clock;
    private final MailPort mail;

    OrganizationInvitations(
            OrganizationDirectory organizations,
            OrganizationAccess access,
            UserDirectory users,
            OrganizationCommands commands,
            MemberViews members,
            ClockPort clock,
            MailPort mail) {
        this.organizations = organizations;
        this.access = access;
        this.users = users;
        this.commands = commands;
        this.members = members;
        this.clock = clock;
        this.mail = mail;
    }

    InvitationView invite(String id, String username, String role, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        MemberRole wanted = requireGrantable(org, caller, role, "only the owner invites admins");
        UserView user = members.enabledUser(username);
        commands.send(
                id,
                new InviteOrganizationMemberCommand(
                        new OrganizationId(id), user.userId(), wanted, caller.actor(), clock.now()));
        return new InvitationView(id, org.name(), user.userId(), user.username(), wanted.name());
    }

    List<InvitationView> invitations(String id, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        return organizations.invitationsOf(id).entrySet().stream()
                .map(e -> invitation(org, e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(InvitationView::username))
                .toList();
    }

    void withdrawInvitation(String id, String userId, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        commands.send(
                id,
                new WithdrawOrganizationInvitationCommand(
                        new OrganizationId(id), userId, false, caller.actor(), clock.now()));
    }

    List<InvitationView> myInvitations(Caller caller) {
        return organizations.invitingUser(caller.userId()).stream()
                .map(o -> invitation(
                        o,
                        caller.userId(),
                        organizations.invitation(o.id(), caller.userId()).orElse(MemberRole.MEMBER)))
                .toList();
    }

    MemberView accept(String id, Caller caller) {
        MemberRole role = access.invitation(id, caller);
        commands.send(
                id,
                new AcceptOrganizationInvitationCommand(
                        new OrganizationId(id), caller.userId(), caller.actor(), clock.now()));
        return members.view(caller.userId(), role);
    }

    void decline(String id, Caller caller) {
        access.invitation(id, caller);
        commands.send(
                id,
                new WithdrawOrganizationInvitationCommand(
                        new OrganizationId(id), caller.userId(), true, caller.actor(), clock.now()));
    }

    private InvitationView invitation(OrganizationRecord org, String userId, MemberRole role) {
        String username = members.username(userId);
        return new InvitationView(org.id(), org.name(), userId, username, role.name());
    }

    EmailInvitationView inviteByEmail(String id, String email, String role, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        MemberRole wanted = requireGrantable(org, caller, role, "only the owner invites admins");
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
        commands.send(
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

    List<EmailInvitationView> emailInvitations(String id, Caller caller) {
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

    void withdrawEmailInvitation(String id, String invitationId, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        commands.send(
                org.id(),
                new WithdrawEmailInvitationCommand(
                        new OrganizationId(org.id()), invitationId, caller.actor(), clock.now()));
    }

    MemberView acceptInvitationCode(String code, Caller caller) {
        String hash = sha256(code == null ? "" : code.strip());
        OrganizationDirectory.EmailInvitation invitation = organizations
                .emailInvitation(hash)
                .filter(i -> clock.now().isBefore(i.expiresAt()))
                .orElseThrow(() -> new DomainException(
                        OrganizationErrorCode.INVITATION_NOT_FOUND,
                        "this invitation code is not valid (used, withdrawn or expired)"));
        commands.send(
                invitation.organizationId(),
                new AcceptEmailInvitationCommand(
                        new OrganizationId(invitation.organizationId()),
                        hash,
                        caller.userId(),
                        caller.actor(),
                        clock.now()));
        return members.view(caller.userId(), invitation.role());
    }

    boolean invitationCodeValid(String code) {
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
}
