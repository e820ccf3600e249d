package dev.tollgate.adapter.out.persistence.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.adapter.out.persistence.billing.OpenReservationPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.billing.SettlementJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.application.billing.port.out.UsageRecordPort.UsageGrouping;
import dev.tollgate.application.billing.query.BillingScope;
import dev.tollgate.application.billing.query.LedgerEntryView;
import dev.tollgate.application.billing.query.LedgerFilter;
import dev.tollgate.application.billing.query.LedgerTotals;
import dev.tollgate.application.billing.query.UsageFilter;
import dev.tollgate.application.billing.query.UsageTotals;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.billing.service.ReservationRecovery;
import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import dev.tollgate.domain.organization.event.OrganizationCreatedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The stored ledger of an organisation's wallet beside a user's: wallet changes from the ledger processor, requests
 * from the billing journal (reservation, settlement, release; an open reservation), filtered by organisation, member,
 * key and kind, scoped, summed, and the balance at past instants.
 */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class LedgerPersistenceAdapterTest {
    private final SettlementJournalPersistenceAdapter journal;
    private final OpenReservationPersistenceAdapter open;
    private final LedgerProjection projection;
    private final LedgerPersistenceAdapter ledger;
    private final UsageRecordPersistenceAdapter usage;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String org = "org-" + suffix;
    private final String alice = "alice-" + suffix;
    private final String bob = "bob-" + suffix;
    private final String orgKeyOfAlice = "tA-" + suffix;
    private final String orgKeyOfBob = "tB-" + suffix;
    private final String personalKeyOfAlice = "tP-" + suffix;
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));
    private final String node = "node-" + suffix;

    @Autowired
    LedgerPersistenceAdapterTest(
            RequestEventStore requests, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.journal = new SettlementJournalPersistenceAdapter(
                requests.store(), jdbc, transactions, new UsageRecordWriter(jdbc));
        this.open = new OpenReservationPersistenceAdapter(jdbc);
        this.projection = new LedgerProjection(jdbc);
        this.ledger = new LedgerPersistenceAdapter(jdbc);
        this.usage = new UsageRecordPersistenceAdapter(jdbc);
    }

    private Instant at(int minutes) {
        return t0.plus(Duration.ofMinutes(minutes));
    }

    private QuotaReservedEvent reserved(
            String id, String token, String holder, String organization, long amount, Instant at) {
        return new QuotaReservedEvent(id, token, holder, "gpt-x", amount, node, at, organization);
    }

    private RequestSettledEvent settled(
            String id,
            String token,
            String holder,
            String organization,
            long cost,
            long reserved,
            String outcome,
            Instant at) {
        return new RequestSettledEvent(
                id,
                token,
                holder,
                "gpt-x",
                "gpt-x",
                "ch-1",
                10,
                5,
                cost,
                30,
                200,
                outcome,
                false,
                at,
                0,
                0,
                0,
                0,
                1,
                reserved,
                organization);
    }

    private final String r1 = "r1-" + UUID.randomUUID();
    private final String r2 = "r2-" + UUID.randomUUID();
    private final String r3 = "r3-" + UUID.randomUUID();
    private final String r4 = "r4-" + UUID.randomUUID();

    @BeforeEach
    void givenAnOrganisationWalletAndAUserWalletWithRequests() {
        projection.on(new OrganizationCreatedEvent(org, "Acme " + suffix, alice, false, "user:" + alice, t0));
        projection.on(
                new WalletCreditedEvent(Wallet.idOf(org), 1_000, "top_up", "invoice 1", "user:root", at(1)),
                GenericEventMessage.asEventMessage("credit"));
        projection.on(
                new WalletCreditedEvent(Wallet.idOf(alice), 300, "top_up", "card", "user:root", at(1)),
                GenericEventMessage.asEventMessage("credit"));
        projection.on(
                new WalletDebitedEvent(Wallet.idOf(alice), 20, "debit_" + suffix, "fee", "user:root", at(2)),
                GenericEventMessage.asEventMessage("debit"));
        // r1: alice's key of the organisation holds 500, costs 120, gives 380 back
        journal.append(List.of(reserved(r1, orgKeyOfAlice, alice, org, 500, at(3))));
        journal.append(List.of(settled(r1, orgKeyOfAlice, alice, org, 120, 500, "succeeded", at(4))));
        // r2: bob's key of the organisation holds 200, still in flight
        journal.append(List.of(reserved(r2, orgKeyOfBob, bob, org, 200, at(5))));
        // r3: alice's personal key (an old event without its organisation) holds 100 and costs all of it
        journal.append(List.of(
                reserved(r3, personalKeyOfAlice, alice, null, 100, at(6)),
                settled(r3, personalKeyOfAlice, alice, null, 100, 100, "succeeded", at(7))));
        // r4: alice's key of the organisation holds 50 and fails: all of it goes back
        journal.append(List.of(
                reserved(r4, orgKeyOfAlice, alice, org, 50, at(8)),
                settled(r4, orgKeyOfAlice, alice, org, 0, 50, "failed", at(9))));
    }

    private List<LedgerEntryView> entries(LedgerFilter filter) {
        List<LedgerEntryView> all = new ArrayList<>();
        ledger.each(filter, all::add);
        return all;
    }

    @Test
    void givenTheOrganisation_whenItsLedgerIsRead_thenEveryChangeOfItsWalletAndHoldIsThereAndAddsUp() {
        // when
        LedgerFilter filter = new LedgerFilter(org, null, null, (String) null, null, null);
        List<LedgerEntryView> entries = entries(filter);
        LedgerTotals totals = ledger.totals(filter);

        // then: oldest first; each request's reservation, settlement and release
        assertThat(entries)
                .extracting(e -> e.kind() + ":" + e.amount() + ":" + e.held())
                .containsExactly(
                        "top_up:1000:0",
                        "reservation:0:500",
                        "settlement:-120:-120",
                        "release:0:-380",
                        "reservation:0:200",
                        "reservation:0:50",
                        "release:0:-50");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.organizationId()).isEqualTo(org);
            assertThat(e.ownerId()).isEqualTo(org);
        });
        assertThat(entries.get(0).memberId()).isNull();
        assertThat(entries.get(1).memberId()).isEqualTo(alice);
        assertThat(entries.get(1).tokenId()).isEqualTo(orgKeyOfAlice);
        assertThat(entries.get(1).at()).isEqualTo(at(3));
        assertThat(entries.get(3).at()).isEqualTo(at(4));
        assertThat(entries.get(4).memberId()).isEqualTo(bob);
        // the balance moved by 1000 − 120; what is held is bob's open reservation
        assertThat(totals).isEqualTo(new LedgerTotals(7, 1_000, 120, 750, 430, 200));
        assertThat(ledger.find(filter, 0, 2))
                .extracting(LedgerEntryView::kind)
                .containsExactly("release", "reservation");
    }

    @Test
    void givenTheOrganisation_whenFilteredByMemberKeyAndKind_thenOnlyThoseEntriesAndTheirSums() {
        // when
        LedgerTotals ofAlice = ledger.totals(new LedgerFilter(org, alice, null, (String) null, null, null));
        LedgerTotals ofBobsKey = ledger.totals(new LedgerFilter(null, null, orgKeyOfBob, (String) null, null, null));
        LedgerTotals reservations = ledger.totals(new LedgerFilter(org, null, null, "reservation", null, null));
        LedgerTotals releasesAndSettlements =
                ledger.totals(new LedgerFilter(org, null, null, List.of("release", "settlement"), null, null, null));
        LedgerTotals window = ledger.totals(new LedgerFilter(org, null, null, (String) null, at(3), at(5)));

        // then
        assertThat(ofAlice).isEqualTo(new LedgerTotals(5, 0, 120, 550, 430, 0));
        assertThat(ofBobsKey).isEqualTo(new LedgerTotals(1, 0, 0, 200, 0, 200));
        assertThat(reservations).isEqualTo(new LedgerTotals(3, 0, 0, 750, 0, 750));
        assertThat(releasesAndSettlements).isEqualTo(new LedgerTotals(3, 0, 120, 0, 430, -550));
        assertThat(window).isEqualTo(new LedgerTotals(3, 0, 120, 500, 380, 0));
    }

    @Test
    void givenTheUsersPersonalWallet_whenRead_thenItHoldsItsOwnChangesAndNotThoseOfTheOrganisationsKeys() {
        // when
        String personal = "personal-" + alice;
        List<LedgerEntryView> entries = entries(new LedgerFilter(personal, null, null, (String) null, null, null));

        // then
        assertThat(entries)
                .extracting(e -> e.kind() + ":" + e.amount() + ":" + e.held())
                .containsExactly("top_up:300:0", "debit:-20:0", "reservation:0:100", "settlement:-100:-100");
        assertThat(entries).allSatisfy(e -> assertThat(e.ownerId()).isEqualTo(alice));
        assertThat(ledger.balances()).containsEntry(org, 880L).containsEntry(personal, 180L);
    }

    @Test
    void givenAScope_whenTheLedgerIsRead_thenOnlyWholeOrganisationsOfTheScopeAndTheMembersOwnEntries() {
        // given: alice sees her personal wallet and her own keys' entries, not the organisation's top-up or bob's
        BillingScope aliceOnly = new BillingScope(Set.of("personal-" + alice), alice);
        BillingScope organisation = new BillingScope(Set.of(org), bob);

        // when
        List<LedgerEntryView> seenByAlice = entries(new LedgerFilter(null, null, null, null, null, null, aliceOnly));
        List<LedgerEntryView> aliceInTheOrganisation =
                entries(new LedgerFilter(org, null, null, null, null, null, aliceOnly));
        LedgerTotals seenByAnOrganisationAdmin =
                ledger.totals(new LedgerFilter(null, null, null, null, null, null, organisation));

        // then
        assertThat(seenByAlice)
                .hasSize(9)
                .allSatisfy(
                        e -> assertThat(e.organizationId().equals("personal-" + alice) || alice.equals(e.memberId()))
                                .isTrue());
        assertThat(aliceInTheOrganisation)
                .hasSize(5)
                .allSatisfy(e -> assertThat(e.memberId()).isEqualTo(alice));
        assertThat(seenByAnOrganisationAdmin.entries()).isEqualTo(7);
    }

    @Test
    void givenTheOrganisation_whenItsBalanceIsAskedAtPastInstants_thenEachCountsTheEntriesUpToThen() {
        // then
        assertThat(ledger.balanceAt(org, at(0))).isZero();
        assertThat(ledger.balanceAt(org, at(1))).isEqualTo(1_000);
        assertThat(ledger.balanceAt(org, at(3))).isEqualTo(1_000);
        assertThat(ledger.balanceAt(org, at(4))).isEqualTo(880);
        assertThat(ledger.balanceAt(org, at(60))).isEqualTo(880);
        assertThat(ledger.balanceAt("personal-" + alice, at(2))).isEqualTo(280);
        assertThat(ledger.balanceAt("personal-" + alice, at(7))).isEqualTo(180);
    }

    @Test
    void givenAnOpenReservationOfTheOrganisation_whenItsProcessIsGone_thenTheAbandonedReservationNamesIt() {
        // when
        List<QuotaReservedEvent> abandoned = open.abandoned(Duration.ZERO, 10_000);

        // then
        assertThat(abandoned)
                .filteredOn(r -> r.requestId().equals(r2))
                .singleElement()
                .satisfies(r -> assertThat(r.payingOrganization()).isEqualTo(org));
    }

    @Test
    void givenAnOpenReservationOfAProcessThatDied_whenRecovered_thenTheAbandonedSettlementIsTheOrganisations()
            throws Exception {
        // given: the process holding r2 never sent a heartbeat; r2 is five minutes old
        try (BillingJournal billing = new BillingJournal(journal, Duration.ofMillis(10), 100)) {
            billing.start();
            ReservationRecovery recovery =
                    new ReservationRecovery(open, billing, Instant::now, Duration.ofMinutes(4), new QuotaLedger());

            // when
            recovery.heartbeat();
            recovery.releaseAbandoned();
        }

        // then: settled as abandoned for the organisation: its hold is given back, nothing charged
        LedgerFilter ofBob = new LedgerFilter(org, bob, null, (String) null, null, null);
        assertThat(entries(ofBob))
                .extracting(e -> e.kind() + ":" + e.amount() + ":" + e.held() + ":" + e.organizationId())
                .containsExactly("reservation:0:200:" + org, "release:0:-200:" + org);
        assertThat(ledger.totals(new LedgerFilter(org, null, null, (String) null, null, null))
                        .held())
                .isZero();
        assertThat(usage.find(new UsageFilter(org, bob, null, null, null, null, null), 0, 10))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(RequestSettledEvent.ABANDONED);
                    assertThat(r.organizationId()).isEqualTo(org);
                    assertThat(r.reserved()).isEqualTo(200);
                });
    }

    @Test
    void givenTheUsageRecords_whenFilteredAndGroupedByOrganisationAndMember_thenTheyAddUp() {
        // when
        UsageFilter ofOrganisation = new UsageFilter(org, null, null, null, null, null, null);
        UsageTotals totals = usage.totals(ofOrganisation);
        List<UsageTotals> byMember = usage.summary(ofOrganisation, UsageGrouping.MEMBER);
        List<UsageTotals> byOrganisation =
                usage.summary(new UsageFilter(null, alice, null, null, null, null, null), UsageGrouping.ORGANIZATION);
        UsageTotals scoped = usage.totals(new UsageFilter(
                null, null, null, null, null, null, new BillingScope(Set.of("personal-" + alice), alice)));

        // then
        assertThat(totals).isEqualTo(new UsageTotals(null, 2, 20, 10, 120));
        assertThat(byMember).containsExactly(new UsageTotals(alice, 2, 20, 10, 120));
        assertThat(byOrganisation)
                .containsExactly(
                        new UsageTotals(org, 2, 20, 10, 120), new UsageTotals("personal-" + alice, 1, 10, 5, 100));
        assertThat(usage.find(ofOrganisation, 0, 10)).allSatisfy(r -> {
            assertThat(r.organizationId()).isEqualTo(org);
            assertThat(r.reserved()).isPositive();
        });
        assertThat(scoped.requests()).isEqualTo(3);
    }
}
