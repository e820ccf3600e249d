package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.application.audit.query.AuditEntryView;
import dev.tollgate.domain.account.event.ExternalIdentityLinkedEvent;
import dev.tollgate.domain.account.event.ExternalIdentityUnlinkedEvent;
import dev.tollgate.domain.account.event.MailServerClearedEvent;
import dev.tollgate.domain.account.event.MailServerSetEvent;
import dev.tollgate.domain.account.event.PersonalAccessTokenCreatedEvent;
import dev.tollgate.domain.account.event.PersonalAccessTokenRevokedEvent;
import dev.tollgate.domain.account.event.RegistrationModeSetEvent;
import dev.tollgate.domain.account.event.SignInProviderClearedEvent;
import dev.tollgate.domain.account.event.SignInProviderSetEvent;
import dev.tollgate.domain.account.event.SiteTextsSetEvent;
import dev.tollgate.domain.account.event.UserDeletedEvent;
import dev.tollgate.domain.account.event.UserEmailSetEvent;
import dev.tollgate.domain.account.event.UserPasswordChangedEvent;
import dev.tollgate.domain.account.event.UserRegisteredEvent;
import dev.tollgate.domain.account.event.UserRoleChangedEvent;
import dev.tollgate.domain.account.event.UserSessionEndedEvent;
import dev.tollgate.domain.account.event.UserSessionsEndedEvent;
import dev.tollgate.domain.account.event.UserStatusChangedEvent;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.CheckedInEvent;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.GroupMultiplierSetEvent;
import dev.tollgate.domain.billing.event.IncentivesSetEvent;
import dev.tollgate.domain.billing.event.InviterRewardedEvent;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchCreatedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDeletedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDisabledEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelReEnabledEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import dev.tollgate.domain.channel.event.ChannelUpdatedEvent;
import dev.tollgate.domain.channel.event.RoutingPolicySetEvent;
import dev.tollgate.domain.channel.event.UpstreamProxyRemovedEvent;
import dev.tollgate.domain.channel.event.UpstreamProxySetEvent;
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
import dev.tollgate.domain.token.event.TokenDeletedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * Keeps {@code audit_entry} current: one row per event that records an actor's decision (users, registration, keys,
 * channels, prices, wallet credits and debits, redemption batches and redemptions, incentives, invitations), keyed
 * by the event's id so a replay inserts nothing twice. Per-request settlements are not audited (they are the usage
 * records). The client address and request id come from the event's metadata ({@value #CLIENT_ADDRESS},
 * {@value #REQUEST_ID}), set when the event was published during an HTTP request.
 *
 * <p>Summaries never hold a secret: no password hash, no key hash or masked key, no redemption code hash, no
 * upstream key. Runs in its own tracking processor ({@value #PROCESSING_GROUP}), whose transactions are JPA's
 * (ADR 12): the rows are {@link AuditEntryEntity} entities, persisted at the batch's commit in JDBC batches, in the
 * transaction that also moves the processor's token.
 */
public class AuditLogProjection {
    public static final String PROCESSING_GROUP = "audit-log";
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String REQUEST_ID = "requestId";

    private final EntityManager entityManager;
    private final AuditEntryRepository entries;

    /** {@code entityManager}: the shared, transaction-bound one. */
    public AuditLogProjection(EntityManager entityManager, AuditEntryRepository entries) {
        this.entityManager = entityManager;
        this.entries = entries;
    }

    @EventHandler
    void on(UserRegisteredEvent e, EventMessage<?> m) {
        // a self-registration is the new user's own action
        insert(
                m,
                e.at(),
                e.actor(),
                "self".equals(e.actor()) ? e.userId() : null,
                "user.registered",
                "user",
                e.userId(),
                "username=" + e.username() + " role=" + e.role()
                        + (e.invitedBy() == null ? "" : " invitedBy=" + e.invitedBy()));
    }

    @EventHandler
    void on(UserRoleChangedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "user.role_changed", "user", e.userId(), "role=" + e.role());
    }

    @EventHandler
    void on(UserStatusChangedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "user.status_changed", "user", e.userId(), "status=" + e.status());
    }

    @EventHandler
    void on(UserSessionsEndedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "user.sessions_ended", "user", e.userId(), null);
    }

    @EventHandler
    void on(UserSessionEndedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "user.logged_out", "user", e.userId(), null);
    }

    @EventHandler
    void on(UserPasswordChangedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "user.password_changed", "user", e.userId(), null);
    }

    @EventHandler
    void on(UserDeletedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "user.deleted", "user", e.userId(), null);
    }

    @EventHandler
    void on(RegistrationModeSetEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "registration.mode_set", "setting", e.policyId(), "mode=" + e.mode());
    }

    @EventHandler
    void on(SiteTextsSetEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "site.texts_set",
                "setting",
                e.siteId(),
                "name=" + e.name() + " logo="
                        + (e.logo().isEmpty() ? "none" : "inline") + " notice="
                        + e.notice().length() + " chars footer="
                        + e.footer().length() + " chars");
    }

    @EventHandler
    void on(MailServerSetEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "mail.server_set",
                "setting",
                "mail",
                "host=" + e.host() + " port=" + e.port() + " username=" + e.username() + " from=" + e.from()
                        + " startTls=" + e.startTls() + (e.passwordSet() ? " with password" : ""));
    }

    @EventHandler
    void on(MailServerClearedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "mail.server_cleared", "setting", "mail", "back to the configuration");
    }

    @EventHandler
    void on(SignInProviderSetEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "sign_in.provider_set",
                "setting",
                "sign-in:" + e.provider(),
                (e.enabled() ? "enabled" : "disabled") + " clientId=" + e.clientId() + " " + e.endpoints()
                        + (e.secretSet() ? " with client secret" : ""));
    }

    @EventHandler
    void on(SignInProviderClearedEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "sign_in.provider_cleared",
                "setting",
                "sign-in:" + e.provider(),
                "back to the configuration");
    }

    @EventHandler
    void on(TokenIssuedEvent e, EventMessage<?> m) {
        insertFor(
                e.organization(),
                m,
                e.at(),
                e.actor(),
                null,
                "token.issued",
                "token",
                e.tokenId(),
                "name=" + e.name() + " owner=" + e.ownerId() + " " + quota(e.quota(), e.unlimitedQuota())
                        + group(e.group()));
    }

    @EventHandler
    void on(TokenUpdatedEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "token.updated",
                "token",
                e.tokenId(),
                "name=" + e.name() + " status=" + e.status() + " " + quota(e.quota(), e.unlimitedQuota())
                        + group(e.group()));
    }

    @EventHandler
    void on(TokenDeletedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "token.deleted", "token", e.tokenId(), null);
    }

    @EventHandler
    void on(RoutingPolicySetEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "routing.policy_set",
                "setting",
                e.policyId(),
                "default="
                        + e.defaultStrategy() + " groups=" + e.groups() + " models=" + e.models() + " explore="
                        + e.explorePercent() + "%");
    }

    /** The proxy's address only: its credentials are never in the event. */
    @EventHandler
    void on(UpstreamProxySetEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "proxy.set",
                e.channelId() == null ? "setting" : "channel",
                e.channelId() == null ? e.proxyId() : e.channelId(),
                e.scheme() + "://" + e.host() + ":" + e.port() + (e.authenticated() ? " with credentials" : ""));
    }

    @EventHandler
    void on(UpstreamProxyRemovedEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "proxy.removed",
                e.channelId() == null ? "setting" : "channel",
                e.channelId() == null ? e.proxyId() : e.channelId(),
                null);
    }

    @EventHandler
    void on(ChannelCreatedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "channel.created",
                "channel",
                e.channelId(),
                "name=" + e.name() + " type=" + e.type() + " keys="
                        + e.maskedKeys().size() + " models=" + e.models() + (e.privateChannel() ? " private" : ""));
    }

    /**
     * The organisation of a private channel (as its creation entry recorded it), so that every change of the channel
     * is in the organisation's audit log; null for a platform channel.
     */
    private String organisationOfChannel(String channelId) {
        // a platform channel's creation recorded no organisation (a null in the list)
        List<String> recorded = entries.organisationOfCreatedChannel(channelId);
        return recorded.isEmpty() ? null : recorded.get(0);
    }

    private void channelEntry(
            EventMessage<?> m, Instant at, String actor, String action, String channelId, String details) {
        insertFor(organisationOfChannel(channelId), m, at, actor, null, action, "channel", channelId, details);
    }

    @EventHandler
    void on(ChannelUpdatedEvent e, EventMessage<?> m) {
        channelEntry(
                m,
                e.at(),
                e.actor(),
                "channel.updated",
                e.channelId(),
                "name=" + e.name()
                        + " models=" + e.models()
                        + (e.maskedKeys() == null
                                ? ""
                                : " keys replaced (" + e.maskedKeys().size() + ")"));
    }

    @EventHandler
    void on(ChannelStatusChangedEvent e, EventMessage<?> m) {
        channelEntry(
                m,
                e.at(),
                e.actor(),
                "channel.status_changed",
                e.channelId(),
                "status=" + e.status() + (e.reason() == null ? "" : " reason=" + e.reason()));
    }

    @EventHandler
    void on(ChannelAutoDisabledEvent e, EventMessage<?> m) {
        channelEntry(m, e.at(), "system", "channel.auto_disabled", e.channelId(), "reason=" + e.reason());
    }

    @EventHandler
    void on(ChannelReEnabledEvent e, EventMessage<?> m) {
        channelEntry(m, e.at(), "system", "channel.re_enabled", e.channelId(), "reason=" + e.reason());
    }

    @EventHandler
    void on(ChannelDeletedEvent e, EventMessage<?> m) {
        channelEntry(m, e.at(), e.actor(), "channel.deleted", e.channelId(), null);
    }

    @EventHandler
    void on(ModelPriceSetEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "price.set",
                "price",
                e.model(),
                "input=" + e.inputPerMillion()
                        + " output=" + e.outputPerMillion()
                        + (e.cachedInputPerMillion() == null ? "" : " cachedInput=" + e.cachedInputPerMillion())
                        + " perImage=" + e.perImage()
                        + " perAudioSecond=" + e.perAudioSecond() + " perRequest=" + e.perRequest());
    }

    @EventHandler
    void on(WalletCreditedEvent e, EventMessage<?> m) {
        insertFor(
                organisationOfWallet(e.walletId()),
                m,
                e.at(),
                e.actor(),
                null,
                "wallet.credited",
                "wallet",
                Wallet.ownerOf(e.walletId()),
                "amount=" + e.amount() + " kind=" + e.kind() + " reason=" + e.reason());
    }

    @EventHandler
    void on(WalletDebitedEvent e, EventMessage<?> m) {
        insertFor(
                organisationOfWallet(e.walletId()),
                m,
                e.at(),
                e.actor(),
                null,
                "wallet.debited",
                "wallet",
                Wallet.ownerOf(e.walletId()),
                "amount=" + e.amount() + " reason=" + e.reason());
    }

    @EventHandler
    void on(RedemptionBatchCreatedEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "redemption_batch.created",
                "redemption_batch",
                e.batchId(),
                "name="
                        + e.name() + " codes=" + e.codeHashes().size() + " value=" + e.value()
                        + (e.expiresAt() == null ? "" : " expiresAt=" + e.expiresAt()));
    }

    @EventHandler
    void on(RedemptionBatchDisabledEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "redemption_batch.disabled", "redemption_batch", e.batchId(), null);
    }

    @EventHandler
    void on(GroupMultiplierSetEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "group_multiplier.set", "group", e.group(), "perMille=" + e.perMille());
    }

    @EventHandler
    void on(RedemptionBatchDeletedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "redemption_batch.deleted", "redemption_batch", e.batchId(), null);
    }

    @EventHandler
    void on(CodeRedeemedEvent e, EventMessage<?> m) {
        insertFor(
                organisationOfWallet(e.walletId()),
                m,
                e.at(),
                e.actor(),
                null,
                "code.redeemed",
                "redemption_batch",
                e.batchId(),
                "value=" + e.value() + " wallet=" + Wallet.ownerOf(e.walletId()));
    }

    @EventHandler
    void on(IncentivesSetEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "incentives.set",
                "setting",
                e.policyId(),
                "signupBonus="
                        + e.signupBonus() + " checkInBonus=" + e.checkInBonus() + " inviteeBonus=" + e.inviteeBonus()
                        + " inviterReward=" + e.inviterReward() + " inviterRewardOn=" + e.inviterRewardOn()
                        + " inviterRewardCap=" + e.inviterRewardCap());
    }

    @EventHandler
    void on(CheckedInEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                "user:" + e.userId(),
                null,
                "check_in",
                "wallet",
                Wallet.ownerOf(e.walletId()),
                "day=" + e.day() + " amount=" + e.amount());
    }

    @EventHandler
    void on(InviterRewardedEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                "system",
                null,
                "invite.rewarded",
                "user",
                e.inviterId(),
                "invitee=" + e.inviteeId() + " amount=" + e.amount() + " trigger=" + e.trigger());
    }

    private static String quota(long quota, boolean unlimited) {
        return unlimited ? "quota=unlimited" : "quota=" + quota;
    }

    private static String group(String group) {
        return group == null ? "" : " group=" + group;
    }

    /** The user behind an actor {@code user:<id>}, or the given one (a self-registration), or none. */
    private static String actorUser(String actor, String otherwise) {
        return actor != null && actor.startsWith("user:") ? actor.substring("user:".length()) : otherwise;
    }

    @EventHandler
    void on(PersonalAccessTokenCreatedEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "access_token.created",
                "access_token",
                e.accessTokenId(),
                "name=" + e.name() + " user=" + e.userId() + " scope=" + e.scope() + " expiresAt=" + e.expiresAt());
    }

    @EventHandler
    void on(PersonalAccessTokenRevokedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "access_token.revoked", "access_token", e.accessTokenId(), null);
    }

    @EventHandler
    void on(ExternalIdentityLinkedEvent e, EventMessage<?> m) {
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                "user.identity_linked",
                "user",
                e.userId(),
                "provider=" + e.provider() + " login=" + e.login());
    }

    @EventHandler
    void on(ExternalIdentityUnlinkedEvent e, EventMessage<?> m) {
        insert(m, e.at(), e.actor(), null, "user.identity_unlinked", "user", e.userId(), "provider=" + e.provider());
    }

    @EventHandler
    void on(UserEmailSetEvent e, EventMessage<?> m) {
        // the address itself is personal data and stays out of the log
        insert(
                m,
                e.at(),
                e.actor(),
                null,
                e.verified() ? "user.email_verified" : "user.email_set",
                "user",
                e.userId(),
                null);
    }

    @EventHandler
    void on(OrganizationCreatedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.created",
                "organization",
                e.organizationId(),
                "name=" + e.name() + " owner=" + e.ownerId() + (e.personal() ? " personal" : ""));
    }

    @EventHandler
    void on(OrganizationRenamedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.renamed",
                "organization",
                e.organizationId(),
                "name=" + e.name());
    }

    @EventHandler
    void on(OrganizationStatusChangedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.status_changed",
                "organization",
                e.organizationId(),
                e.enabled() ? "status=enabled" : "status=disabled");
    }

    @EventHandler
    void on(OrganizationMemberAddedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_added",
                "user",
                e.userId(),
                "role=" + e.role());
    }

    @EventHandler
    void on(OrganizationMemberRoleChangedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_role_changed",
                "user",
                e.userId(),
                "role=" + e.role());
    }

    @EventHandler
    void on(OrganizationMemberRemovedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_removed",
                "user",
                e.userId(),
                null);
    }

    @EventHandler
    void on(OrganizationMemberInvitedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_invited",
                "user",
                e.userId(),
                "role=" + e.role());
    }

    @EventHandler
    void on(OrganizationInvitationAcceptedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.invitation_accepted",
                "user",
                e.userId(),
                "role=" + e.role());
    }

    @EventHandler
    void on(OrganizationInvitationWithdrawnEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                e.declined() ? "organization.invitation_declined" : "organization.invitation_withdrawn",
                "user",
                e.userId(),
                null);
    }

    @EventHandler
    void on(OrganizationOwnershipTransferredEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.ownership_transferred",
                "organization",
                e.organizationId(),
                "from=" + e.previousOwnerId() + " to=" + e.newOwnerId());
    }

    @EventHandler
    void on(OrganizationPolicySetEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.policy_set",
                "organization",
                e.organizationId(),
                "groups=" + e.groups() + " models=" + e.models() + " rpm=" + e.rpm() + " tpm=" + e.tpm());
    }

    @EventHandler
    void on(OrganizationKeyDefaultsSetEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.key_defaults_set",
                "organization",
                e.organizationId(),
                "rpm=" + e.rpm() + " tpm=" + e.tpm());
    }

    @EventHandler
    void on(OrganizationEmailInvitationSentEvent e, EventMessage<?> m) {
        // the code hash stays out of the log; the address only masked, as recorded
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.email_invitation_sent",
                "invitation",
                e.invitationId(),
                "to=" + e.maskedEmail() + " role=" + e.role() + " expires=" + e.expiresAt());
    }

    @EventHandler
    void on(OrganizationEmailInvitationAcceptedEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.email_invitation_accepted",
                "user",
                e.userId(),
                "invitation=" + e.invitationId() + " role=" + e.role());
    }

    @EventHandler
    void on(OrganizationEmailInvitationWithdrawnEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.email_invitation_withdrawn",
                "invitation",
                e.invitationId(),
                null);
    }

    @EventHandler
    void on(MemberRateLimitSetEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.member_rate_limit_set",
                "user",
                e.userId(),
                "rpm=" + e.rpm() + " tpm=" + e.tpm());
    }

    @EventHandler
    void on(MemberBudgetSetEvent e, EventMessage<?> m) {
        insertFor(
                e.organizationId(),
                m,
                e.at(),
                e.actor(),
                null,
                "organization.budget_set",
                "user",
                e.userId(),
                e.monthlyBudget() == null ? "monthlyBudget=none" : "monthlyBudget=" + e.monthlyBudget());
    }

    /**
     * The organisation a wallet belongs to: a shared organisation's own wallet, or else its user's personal
     * organisation. Whether an id is a shared organisation is known from this log itself (its creation entry was
     * written by this processor, in event order, before any change to its wallet).
     */
    private String organisationOfWallet(String walletId) {
        String owner = Wallet.ownerOf(walletId);
        // a query: Hibernate flushes this batch's entries first, so a creation earlier in the batch is seen
        return entries.recordsSharedOrganization(owner) ? owner : "personal-" + owner;
    }

    private void insert(
            EventMessage<?> m,
            Instant at,
            String actor,
            String actorUserOtherwise,
            String action,
            String targetType,
            String targetId,
            String details) {
        insertFor(null, m, at, actor, actorUserOtherwise, action, targetType, targetId, details);
    }

    private void insertFor(
            String organizationId,
            EventMessage<?> m,
            Instant at,
            String actor,
            String actorUserOtherwise,
            String action,
            String targetType,
            String targetId,
            String details) {
        String who = actor == null ? "system" : actor;
        // keyed by the event id: an event handled again (a replay) adds nothing
        if (entityManager.find(AuditEntryEntity.class, m.getIdentifier()) == null) {
            entityManager.persist(new AuditEntryEntity(new AuditEntryView(
                    m.getIdentifier(),
                    at,
                    who,
                    actorUser(who, actorUserOtherwise),
                    organizationId,
                    action,
                    targetType,
                    targetId,
                    truncate(details, 1000),
                    truncate(meta(m, CLIENT_ADDRESS), 64),
                    truncate(meta(m, REQUEST_ID), 64))));
        }
    }

    private static String meta(EventMessage<?> m, String key) {
        Object value = m.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
