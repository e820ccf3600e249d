package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.CheckedInEvent;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.GroupMultiplierSetEvent;
import dev.tollgate.domain.billing.event.IncentivesSetEvent;
import dev.tollgate.domain.billing.event.InviterRewardedEvent;
import dev.tollgate.domain.billing.event.ModelPriceRemovedEvent;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchCreatedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDeletedEvent;
import dev.tollgate.domain.billing.event.RedemptionBatchDisabledEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/** The audit log's entries for prices, wallets, redemption batches and codes, group multipliers and incentives (processor {@value AuditLogProjection#PROCESSING_GROUP}). */
public class BillingAuditProjection {
    private final AuditEntryWriter audit;

    public BillingAuditProjection(AuditEntryWriter audit) {
        this.audit = audit;
    }

    @EventHandler
    void on(ModelPriceSetEvent e, EventMessage<?> m) {
        audit.insert(
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
    void on(ModelPriceRemovedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "price.removed", "price", e.model(), "");
    }

    @EventHandler
    void on(WalletCreditedEvent e, EventMessage<?> m) {
        audit.insertFor(
                audit.organisationOfWallet(e.walletId()),
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
        audit.insertFor(
                audit.organisationOfWallet(e.walletId()),
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
        audit.insert(
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
        audit.insert(m, e.at(), e.actor(), null, "redemption_batch.disabled", "redemption_batch", e.batchId(), null);
    }

    @EventHandler
    void on(GroupMultiplierSetEvent e, EventMessage<?> m) {
        audit.insert(
                m, e.at(), e.actor(), null, "group_multiplier.set", "group", e.group(), "perMille=" + e.perMille());
    }

    @EventHandler
    void on(RedemptionBatchDeletedEvent e, EventMessage<?> m) {
        audit.insert(m, e.at(), e.actor(), null, "redemption_batch.deleted", "redemption_batch", e.batchId(), null);
    }

    @EventHandler
    void on(CodeRedeemedEvent e, EventMessage<?> m) {
        audit.insertFor(
                audit.organisationOfWallet(e.walletId()),
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
        audit.insert(
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
        audit.insert(
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
        audit.insert(
                m,
                e.at(),
                "system",
                null,
                "invite.rewarded",
                "user",
                e.inviterId(),
                "invitee=" + e.inviteeId() + " amount=" + e.amount() + " trigger=" + e.trigger());
    }
}
