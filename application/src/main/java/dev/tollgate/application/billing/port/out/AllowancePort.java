package dev.tollgate.application.billing.port.out;

import java.time.Duration;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shares of limited funds that Tollgate processes (nodes) may spend without asking anyone: each node admits
 * requests against its own allowance in memory, and asks for more in chunks. A pool is one limited sum — a key's cap,
 * a member's budget for a month, a wallet — named {@code key:<token>}, {@code budget:<organisation>/<user>:<yyyy-MM>}
 * or {@code wallet:<owner>}.
 *
 * <p>A pool's {@code base} (what was spent outside the live nodes' allowances) plus every node's {@code ceiling}
 * (the most that node may have spent and hold on it) never exceeds the pool's funds: grants are made under the pool's
 * row lock. So however the nodes interleave, together they cannot spend more than the funds (BRIEF G1).
 *
 * <p>{@code funds} are passed by the caller from its own view of the events (a key's quota, a budget's monthly limit,
 * a wallet's credits). A view only lags the stored events, and funds only grow by stored events, so a lagging view
 * grants less, never more. {@code baseIfNew} is what was spent on the pool before it existed; it is used only by the
 * call that creates the pool.
 */
public interface AllowancePort {
    /** The pool of a key's cap. */
    static String keyPool(String tokenId) {
        return "key:" + tokenId;
    }

    /** The pool of a member's budget in an organisation for one calendar month (UTC). */
    static String budgetPool(String organizationId, String userId, YearMonth month) {
        return "budget:" + organizationId + "/" + userId + ":" + month;
    }

    /** The pool of a wallet. */
    static String walletPool(String ownerId) {
        return "wallet:" + ownerId;
    }

    /** A node's request for more of a pool: at least {@code needed}, preferably {@code wanted}. */
    record GrantRequest(String poolId, long funds, long baseIfNew, long needed, long wanted) {
        public GrantRequest {
            if (needed <= 0 || wanted < needed) {
                throw new IllegalArgumentException("a grant needs 0 < needed <= wanted");
            }
        }
    }

    /**
     * Raises {@code node}'s ceilings, in one transaction, each under its pool's row lock, and records the node as
     * alive. For each request: 0 when the pool's free funds (funds − base − Σ ceilings) are below {@code needed};
     * otherwise {@code wanted}, but no more than half the free funds unless that is below {@code needed} (so other
     * nodes find some left). A pool that grants nothing is marked wanted (see {@link #wanted}). Returns the amounts
     * granted, in the requests' order.
     */
    long[] grant(String node, List<GrantRequest> requests);

    /**
     * Those of {@code poolIds} that a node found short in the last {@code within}: whoever keeps unused allowance on
     * them should give it back.
     */
    Set<String> wanted(Collection<String> poolIds, Duration within);

    /** Lowers {@code node}'s ceiling on the pool by {@code amount}: allowance it will not use, given back. */
    void giveBack(String node, String poolId, long amount);

    /**
     * Takes {@code amount} from the pool outside every node's allowance (a wallet debit), under the pool's row lock;
     * false, taking nothing, when its free funds are smaller.
     */
    boolean take(String poolId, long funds, long baseIfNew, long amount);

    /** Puts back what {@link #take} took, when the debit it was for could not be recorded. */
    void putBack(String poolId, long amount);

    /**
     * Ends the allowances of nodes that are no longer alive (no heartbeat row left: its reservations were released and
     * the node forgotten, see {@link OpenReservationPort#forgetSilentNodes}): what their stored settlements spent moves
     * into their pools' base, their unused allowance is free again. Returns how many allowances ended.
     */
    int retireGoneNodes();

    /** Per wallet pool ({@code wallet:<owner>}): base + Σ ceilings, what is committed of it (for reconciliation). */
    Map<String, Long> committedOfWallets();
}
