package dev.tollgate.adapter.out.persistence.ledger;

import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.CheckedInEvent;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code wallet_entry} current: one row per wallet change (top-up, adjustment, debit, redemption), keyed by the
 * event's id, so a replay inserts nothing twice. Each row names the wallet's organisation: a shared organisation's id
 * (its wallet is owned by that id; the shared organisations are kept in {@code shared_organization} from their
 * creation events, which come before any change of their wallets) or {@code personal-<user>} for a user's wallet. Settled requests are read from {@code usage_record}. Runs in its own
 * tracking processor ({@value #PROCESSING_GROUP}); wallet changes are rare, so it costs the relay nothing.
 */
public class LedgerProjection {
    public static final String PROCESSING_GROUP = "ledger";

    private final JdbcTemplate jdbc;

    public LedgerProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizationCreatedEvent e) {
        if (!e.personal()) {
            jdbc.update(
                    "insert into shared_organization (organization_id) values (?) on conflict do nothing",
                    e.organizationId());
        }
    }

    @EventHandler
    void on(WalletCreditedEvent e, EventMessage<?> message) {
        insert(
                message.getIdentifier(),
                e.at(),
                Wallet.ownerOf(e.walletId()),
                e.kind(),
                e.amount(),
                null,
                e.reason(),
                e.actor());
    }

    @EventHandler
    void on(WalletDebitedEvent e, EventMessage<?> message) {
        insert(
                message.getIdentifier(),
                e.at(),
                Wallet.ownerOf(e.walletId()),
                "debit",
                -e.amount(),
                e.debitId(),
                e.reason(),
                e.actor());
    }

    @EventHandler
    void on(CodeRedeemedEvent e, EventMessage<?> message) {
        insert(
                message.getIdentifier(),
                e.at(),
                Wallet.ownerOf(e.walletId()),
                "redemption",
                e.value(),
                e.batchId(),
                "redemption code",
                e.actor());
    }

    @EventHandler
    void on(CheckedInEvent e, EventMessage<?> message) {
        insert(
                message.getIdentifier(),
                e.at(),
                Wallet.ownerOf(e.walletId()),
                "incentive",
                e.amount(),
                "check-in " + e.day(),
                "daily check-in",
                "user:" + e.userId());
    }

    private void insert(
            String id,
            Instant at,
            String owner,
            String kind,
            long amount,
            String reference,
            String reason,
            String actor) {
        jdbc.update(
                """
                insert into wallet_entry (event_id, at, owner_id, kind, amount, reference, reason, actor,
                    organization_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, coalesce(
                    (select organization_id from shared_organization where organization_id = ?), ?))
                on conflict (event_id) do nothing""",
                id,
                Timestamp.from(at),
                owner,
                kind,
                amount,
                reference,
                reason,
                actor,
                owner,
                OrganizationId.personalOf(owner).value());
    }
}
