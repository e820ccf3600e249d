package dev.tollgate.config;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.port.out.BillingNode;
import dev.tollgate.application.billing.port.out.LedgerPort;
import dev.tollgate.application.billing.port.out.OpenReservationPort;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.application.billing.port.out.UsageRecordPort;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import dev.tollgate.application.billing.service.LedgerService;
import dev.tollgate.application.billing.service.PriceService;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.billing.service.ReconciliationService;
import dev.tollgate.application.billing.service.ReservationRecovery;
import dev.tollgate.application.billing.service.UsageRetentionService;
import dev.tollgate.application.billing.service.UsageService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.config.properties.BillingProperties;
import dev.tollgate.config.properties.UsageProperties;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The quota ledger, the billing journal that records reservations and settlements, crash recovery, reconciliation,
 * prices, the ledger and usage records.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({BillingProperties.class, UsageProperties.class})
public class BillingConfiguration {

    @Bean
    BillingNode billingNode() {
        return BillingNode.random();
    }

    /**
     * With {@code tollgate.billing.node-allowances} (default on), every limited reservation also needs this process's
     * allowance, granted from the database in chunks, so that several processes never overspend together (G1); off,
     * the process checks only what it knows from the events (right for a single process).
     */
    @Bean
    QuotaLedger quotaLedger(
            ViewFreshness freshness, BillingNode node, AllowancePort allowances, BillingProperties billing) {
        return billing.nodeAllowances()
                ? new QuotaLedger(freshness, Clock.systemUTC(), allowances, node.id(), billing.allowanceWait())
                : new QuotaLedger(freshness);
    }

    /** Other processes' reservations and settlements, followed from the request events (see AxonConfiguration). */
    @Bean
    ForeignRequestEvents foreignRequestEvents(QuotaLedger ledger, BillingNode node) {
        return new ForeignRequestEvents(ledger, node.id());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    BillingJournal billingJournal(
            SettlementJournalPort store, BillingProperties billing, BillingNode node, OutageProperties outage) {
        return new BillingJournal(
                store,
                billing.flushInterval(),
                billing.maxBatch(),
                billing.durability(),
                billing.syncTimeout(),
                node.id(),
                billing.maxPending(),
                outage.maxUnsettledSpending());
    }

    @Bean
    ReservationRecovery reservationRecovery(
            OpenReservationPort open,
            BillingJournal journal,
            ClockPort clock,
            QuotaLedger ledger,
            BillingProperties billing,
            AllowancePort allowances) {
        return new ReservationRecovery(open, journal, clock, billing.nodeSilence(), ledger, allowances);
    }

    @Bean
    LedgerService ledgerService(LedgerPort ledger, UserDirectory users, OrganizationDirectory organizations) {
        return new LedgerService(ledger, users, organizations);
    }

    @Bean
    ReconciliationService reconciliationService(
            QuotaLedger memory,
            LedgerPort stored,
            BillingJournal journal,
            ClockPort clock,
            OpenReservationPort open,
            AllowancePort allowances) {
        return new ReconciliationService(memory, stored, journal, clock, open, allowances);
    }

    @Bean
    PriceBook priceBook(ViewFreshness freshness) {
        return new PriceBook(freshness);
    }

    @Bean
    PriceService priceService(CommandGateway commands, PriceBook book, ClockPort clock, ViewFreshness freshness) {
        return new PriceService(commands, book, clock, freshness);
    }

    @Bean
    UsageService usageService(UsageRecordPort records, OrganizationDirectory organizations) {
        return new UsageService(records, organizations);
    }

    @Bean
    UsageRetentionService usageRetentionService(UsageRecordPort records, ClockPort clock, UsageProperties usage) {
        return new UsageRetentionService(records, clock, usage.retention(), usage.pruneBatchSize());
    }
}
