package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.in.ReconciliationUseCase;
import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.port.out.LedgerPort;
import dev.tollgate.application.billing.port.out.OpenReservationPort;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares every wallet's balance and every key's spending in memory with what the stored ledger adds up to. The
 * stored side follows the memory by the billing journal's flush and the ledger processor's lag, so the comparison
 * waits for the journal and repeats for up to two seconds before it reports a drift.
 */
public class ReconciliationService implements ReconciliationUseCase {
    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final QuotaLedger memory;
    private final LedgerPort stored;
    private final BillingJournal journal;
    private final ClockPort clock;
    private final OpenReservationPort open;
    private final AllowancePort allowances;

    public ReconciliationService(
            QuotaLedger memory, LedgerPort stored, BillingJournal journal, ClockPort clock, OpenReservationPort open) {
        this(memory, stored, journal, clock, open, null);
    }

    /** Also checks that no wallet's pool has more committed (base + the processes' allowances) than its credits. */
    public ReconciliationService(
            QuotaLedger memory,
            LedgerPort stored,
            BillingJournal journal,
            ClockPort clock,
            OpenReservationPort open,
            AllowancePort allowances) {
        this.allowances = allowances;
        this.open = open;
        this.memory = memory;
        this.stored = stored;
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public Report reconcile(Caller caller) {
        if (!caller.admin()) {
            throw new DomainException(AccessErrorCode.ADMIN_REQUIRED, "only platform admins may reconcile");
        }
        return reconcile();
    }

    /** One reconciliation (also run on a schedule); drifts are logged. */
    public Report reconcile() {
        journal.awaitFlushed(Duration.ofSeconds(5));
        Report report = compare();
        for (int attempt = 0; attempt < 20 && !report.clean(); attempt++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            report = compare();
        }
        if (!report.clean()) {
            log.warn("reconciliation found {} drifts: {}", report.drifts().size(), report.drifts());
        }
        return report;
    }

    private Report compare() {
        List<Drift> drifts = new ArrayList<>();
        Map<String, Long> wallets = memory.walletBalances();
        // the stored ledger sums per organisation; memory keeps wallets by owner (a personal organisation's is its
        // user's, a shared organisation's its own id)
        Map<String, Long> storedBalances = new HashMap<>();
        stored.balances()
                .forEach((organization, balance) ->
                        storedBalances.merge(new OrganizationId(organization).walletOwner(), balance, Math::addExact));
        Set<String> owners = new HashSet<>(wallets.keySet());
        storedBalances.keySet().stream().filter(o -> !"root".equals(o)).forEach(owners::add);
        for (String owner : owners) {
            long inMemory = wallets.getOrDefault(owner, 0L);
            long inStore = storedBalances.getOrDefault(owner, 0L);
            if (inMemory != inStore) {
                drifts.add(new Drift("wallet", owner, inMemory, inStore));
            }
        }
        Map<String, Long> keys = memory.keysUsed();
        Map<String, Long> spent = stored.spentByKey();
        Set<String> tokens = new HashSet<>(keys.keySet());
        tokens.addAll(spent.keySet());
        for (String token : tokens) {
            long inMemory = keys.getOrDefault(token, 0L);
            long inStore = spent.getOrDefault(token, 0L);
            if (inMemory != inStore) {
                drifts.add(new Drift("key", token, inMemory, inStore));
            }
        }
        if (allowances != null) {
            // credits only grow, so a wallet's committed amount never exceeds its credits, seen here or later
            allowances.committedOfWallets().forEach((pool, committed) -> {
                String owner = pool.substring("wallet:".length());
                long credited = memory.walletFigures(owner).credited();
                if (committed > credited) {
                    drifts.add(new Drift("allowance", owner, credited, committed));
                }
            });
        }
        return new Report(clock.now(), owners.size(), tokens.size(), List.copyOf(drifts), open.openCount());
    }
}
