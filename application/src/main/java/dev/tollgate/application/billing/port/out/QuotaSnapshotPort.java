package dev.tollgate.application.billing.port.out;

import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the stored settlements add up to, read at one instant, so that a process starts from it instead of replaying
 * every request ever served: the charges per account, the reservations still open, and the position in the request
 * events that the figures cover (events after it are followed as they come).
 */
public interface QuotaSnapshotPort {
    /**
     * Reads the snapshot in one consistent view of the database.
     *
     * @param month the budget month whose spending is wanted (budgets of other months are not read)
     */
    QuotaSnapshot load(YearMonth month);

    /**
     * @param spent    charges by account id: {@link AllowancePort#keyPool}, {@link AllowancePort#walletPool} and
     *                 {@link AllowancePort#budgetPool} of {@code month}
     * @param open     reservations recorded and not settled, of every process
     * @param position the highest request event position the figures cover ({@code -1}: none)
     * @param gaps     positions below {@code position} that were not visible (events of transactions still running):
     *                 not in the figures, to be followed when they appear
     */
    record QuotaSnapshot(Map<String, Long> spent, List<QuotaReservedEvent> open, long position, Set<Long> gaps) {
        public QuotaSnapshot {
            spent = Map.copyOf(spent);
            open = List.copyOf(open);
            gaps = Set.copyOf(gaps);
        }
    }
}
