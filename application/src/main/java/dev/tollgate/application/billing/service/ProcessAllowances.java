package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.port.out.AllowancePort;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's shares of the pools it spends on (a limited key, a member's budget for a month, a wallet) when
 * several processes serve the same accounts (BRIEF G1): a reservation is admitted only within the allowance the
 * database granted this process on every pool that limits it ({@link AllowancePort}: the sum of all processes'
 * allowances never exceeds a pool's funds). Short allowances are topped up in chunks, one top-up per pool at a time;
 * unused allowance is given back when idle, when another process is short, when a limit changes and at shutdown.
 *
 * <p>Disabled (no port) for a process that spends alone: every reservation is then admitted from memory only. Each
 * allowance is guarded by its own lock, always taken inside the accounts' locks of {@link QuotaLedger}.
 */
final class ProcessAllowances {
    private static final Logger log = LoggerFactory.getLogger(ProcessAllowances.class);

    /**
     * This process's share of a pool: it may have spent and hold at most {@code ceiling} on it, which the database
     * granted.
     */
    static final class Allowance {
        final String poolId;
        /** The month of a budget's pool; null for keys and wallets. */
        final YearMonth month;

        long ceiling;
        long spent;
        long held;
        /** Lowered here and not yet in the database. */
        long toReturn;

        long lastGrant;
        /** Changes with every grant or return: tells a waiting top-up that another one came first. */
        long generation;

        long lastUse = System.nanoTime();

        Allowance(String poolId, YearMonth month) {
            this.poolId = poolId;
            this.month = month;
        }

        long unused() {
            return ceiling - spent - held;
        }

        /** Gives up the unused part here; the database hears of it at the next {@link #returnAllowances}. */
        void lowerToUsed() {
            long unused = unused();
            if (unused > 0) {
                ceiling -= unused;
                toReturn += unused;
                generation++;
            }
        }
    }

    /** A pool whose allowance is too small for a reservation, and what its account said when that was found. */
    record Shortfall(
            Allowance allowance, long funds, long baseIfNew, long needed, long amount, long most, long generation) {}

    /**
     * What one reservation asks of a pool: its allowance, its funds, its spending so far and what is free of it, as
     * seen here. The spending so far becomes the pool's base if the pool is new; it leaves out what is reserved, as
     * every reservation (here, of another process, or for a debit being recorded) holds an allowance of the pool or
     * takes from it once the pool exists. A grant never asks for more than is free here beyond the allowance already
     * held, so that amounts set aside here (a debit being recorded, other processes' reservations) stay in the pool.
     */
    record Claim(Allowance allowance, long funds, long baseIfNew, long free) {}

    /** This process's allowance on one pool: its ceiling, and what it spent and holds against it. */
    record AllowanceFigures(long ceiling, long spent, long held) {}

    private static final int TOP_UP_ATTEMPTS = 4;
    private static final int OVERTAKEN_MAX = 1_000;

    /** How a top-up ended: granted all that was needed, found another one had come first, or found the pool short. */
    private enum TopUp {
        GRANTED,
        OVERTAKEN,
        SHORT
    }

    private static final long SHORT_PAUSE_FIRST_NANOS = 20_000_000;
    private static final long SHORT_PAUSE_MAX_NANOS = 200_000_000;
    /** How long ago a pool may have been found short for this process to give back what it keeps of it. */
    private static final Duration WANTED_WITHIN = Duration.ofSeconds(3);
    /**
     * A grant asks for this many reservations' worth at least, and grows by doubling up to the most: 64 reservations'
     * worth or a sixteenth of the free amount, whichever is more.
     */
    private static final long GRANT_REQUESTS_MIN = 8;

    private static final long GRANT_REQUESTS_MAX = 64;
    private static final long GRANT_FREE_SHARE = 16;

    /** Null: this process is the only one spending (no allowances asked for). */
    private final AllowancePort port;

    private final String node;
    /** How long a reservation waits for other processes to give back allowance before it is refused. */
    private final Duration shortWait;

    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();
    private final AtomicLong grantCalls = new AtomicLong();
    /** The allowances each reservation of this process holds on, by request id. */
    private final Map<String, List<Allowance>> held = new ConcurrentHashMap<>();
    /** One top-up at a time per pool (striped), so a burst of requests asks the database once. */
    private final ReentrantLock[] topUpLocks = new ReentrantLock[64];

    /** The last failed grant: the others fail at once for a moment instead of each waiting for the database. */
    private final GrantFailures grantFailures = new GrantFailures();

    /** The longest a request waits for another request's top-up of its pool. */
    private static final long TOP_UP_LOCK_WAIT_NANOS = 10_000_000_000L;

    ProcessAllowances(AllowancePort port, String node, Duration shortWait) {
        this.port = port;
        this.node = node;
        this.shortWait = shortWait;
        for (int i = 0; i < topUpLocks.length; i++) {
            topUpLocks[i] = new ReentrantLock();
        }
    }

    /** Whether reservations need this process's allowance (several processes may spend on the same pools). */
    boolean enabled() {
        return port != null;
    }

    /**
     * Reserves with {@code attempt}, which reserves from memory or, when this process's allowance on a pool is too
     * small (and the account itself could cover the amount), lists the short pools and reserves nothing: those are
     * topped up and the attempt repeated. A reservation whose pools other processes keep as unused allowance waits
     * for them (they give it back at their next look) up to {@code shortWait}, then is refused (empty).
     */
    Optional<Reservation> reserve(Function<List<Shortfall>, Optional<Reservation>> attempt) {
        long waited = 0;
        long pause = SHORT_PAUSE_FIRST_NANOS;
        int overtaken = 0;
        for (int topUps = 0; ; ) {
            List<Shortfall> shortfalls = port == null ? null : new ArrayList<>(3);
            Optional<Reservation> r = attempt.apply(shortfalls);
            if (r.isPresent() || shortfalls == null || shortfalls.isEmpty()) {
                return r;
            }
            TopUp result = topUp(shortfalls);
            if (result == TopUp.OVERTAKEN && ++overtaken < OVERTAKEN_MAX) {
                continue; // another top-up or return of the pool came first: look again
            }
            if (result == TopUp.GRANTED) {
                if (++topUps == TOP_UP_ATTEMPTS) {
                    return Optional.empty();
                }
                continue;
            }
            // the account has the funds, but other processes keep them as unused allowance: the pool is marked
            // wanted, they give it back at their next look (or when idle); meanwhile the request waits, briefly
            if (waited >= shortWait.toNanos()) {
                return Optional.empty();
            }
            LockSupport.parkNanos(pause);
            waited += pause;
            pause = Math.min(pause * 2, SHORT_PAUSE_MAX_NANOS);
        }
    }

    /** What a reservation asks of the pool {@code poolId} ({@code month}: a budget's; null for keys and wallets). */
    Claim claim(String poolId, YearMonth month, long funds, long baseIfNew, long free) {
        return new Claim(allowances.computeIfAbsent(poolId, id -> new Allowance(id, month)), funds, baseIfNew, free);
    }

    /**
     * Under the accounts' locks: holds {@code amount} on every claimed allowance, or on none of them, listing those
     * too small in {@code shortfalls}.
     */
    boolean take(List<Claim> claims, String requestId, long amount, List<Shortfall> shortfalls) {
        List<Allowance> taken = new ArrayList<>(claims.size());
        long now = System.nanoTime();
        for (Claim c : claims) {
            Allowance al = c.allowance();
            synchronized (al) {
                long unused = al.unused();
                if (unused >= amount) {
                    al.held += amount;
                    al.lastUse = now;
                    taken.add(al);
                } else {
                    shortfalls.add(new Shortfall(
                            al,
                            c.funds(),
                            c.baseIfNew(),
                            amount - unused,
                            amount,
                            Math.max(amount - unused, c.free() - unused),
                            al.generation));
                }
            }
        }
        if (taken.size() < claims.size()) {
            for (Allowance al : taken) {
                synchronized (al) {
                    al.held -= amount;
                }
            }
            return false;
        }
        held.put(requestId, taken);
        return true;
    }

    /** A reservation of {@code amount} ended with {@code charged}: what it held becomes spent (the charge only). */
    void settled(String requestId, long amount, long charged) {
        List<Allowance> taken = held.remove(requestId);
        if (taken == null) {
            return;
        }
        for (Allowance al : taken) {
            synchronized (al) {
                al.held -= amount;
                al.spent = Math.addExact(al.spent, charged);
            }
        }
    }

    /** A pool's limit changed: this process keeps no more of it than it uses; a new limit is granted from anew. */
    void lower(String poolId) {
        Allowance al = allowances.get(poolId);
        if (al != null) {
            synchronized (al) {
                al.lowerToUsed();
            }
        }
    }

    /**
     * Asks the database for more allowance on the short pools, one top-up at a time per pool: a request that waited
     * while another top-up of its pool went through tries again with what that one got. {@code SHORT} when a pool
     * cannot grant what is needed (other processes hold the rest, or the funds are gone).
     */
    private TopUp topUp(List<Shortfall> shortfalls) {
        TreeMap<String, Shortfall> byPool = new TreeMap<>();
        shortfalls.forEach(sf -> byPool.merge(sf.allowance().poolId, sf, (x, y) -> x.needed() >= y.needed() ? x : y));
        int[] stripes = byPool.keySet().stream()
                .mapToInt(id -> Math.floorMod(id.hashCode(), topUpLocks.length))
                .distinct()
                .sorted()
                .toArray();
        grantFailures.failIfRecent();
        lockStripes(stripes);
        try {
            grantFailures.failIfRecent();
            List<Shortfall> asked = new ArrayList<>();
            List<AllowancePort.GrantRequest> requests = new ArrayList<>();
            for (Shortfall sf : byPool.values()) {
                Allowance al = sf.allowance();
                long wanted;
                synchronized (al) {
                    if (al.generation != sf.generation()) {
                        continue; // topped up (or lowered) meanwhile: the next attempt sees it
                    }
                    long min = saturatedMultiply(sf.amount(), GRANT_REQUESTS_MIN);
                    // at most 64 reservations' worth or a sixteenth of what is free, whichever is more: few grants
                    // on a large balance, small ones near its end (where other processes need their share)
                    long max =
                            Math.max(saturatedMultiply(sf.amount(), GRANT_REQUESTS_MAX), sf.most() / GRANT_FREE_SHARE);
                    wanted = Math.max(
                            sf.needed(),
                            Math.min(sf.most(), Math.max(min, Math.min(max, saturatedMultiply(al.lastGrant, 2)))));
                }
                asked.add(sf);
                requests.add(
                        new AllowancePort.GrantRequest(al.poolId, sf.funds(), sf.baseIfNew(), sf.needed(), wanted));
            }
            if (requests.isEmpty()) {
                return TopUp.OVERTAKEN;
            }
            long[] granted;
            grantCalls.incrementAndGet();
            try {
                granted = port.grant(node, requests);
                grantFailures.succeeded();
            } catch (RuntimeException e) {
                grantFailures.failed(e);
                throw new QuotaLedger.AllowanceUnavailableException(e);
            }
            boolean all = true;
            for (int i = 0; i < granted.length; i++) {
                Allowance al = asked.get(i).allowance();
                if (granted[i] > 0) {
                    synchronized (al) {
                        al.ceiling = Math.addExact(al.ceiling, granted[i]);
                        al.lastGrant = granted[i];
                        al.generation++;
                    }
                } else {
                    all = false;
                }
            }
            return all ? TopUp.GRANTED : TopUp.SHORT;
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                topUpLocks[stripes[i]].unlock();
            }
        }
    }

    /** Takes the stripes' locks in order, waiting at most {@link #TOP_UP_LOCK_WAIT_NANOS} in all. */
    private void lockStripes(int[] stripes) {
        long deadline = System.nanoTime() + TOP_UP_LOCK_WAIT_NANOS;
        int locked = 0;
        try {
            for (int stripe : stripes) {
                if (!topUpLocks[stripe].tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new QuotaLedger.AllowanceUnavailableException(
                            new IllegalStateException("another request's top-up of the pool did not end within "
                                    + TimeUnit.NANOSECONDS.toSeconds(TOP_UP_LOCK_WAIT_NANOS) + " s"));
                }
                locked++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuotaLedger.AllowanceUnavailableException(
                    new IllegalStateException("interrupted while waiting for a top-up"));
        } finally {
            if (locked < stripes.length) {
                for (int i = locked - 1; i >= 0; i--) {
                    topUpLocks[stripes[i]].unlock();
                }
            }
        }
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }

    /**
     * Gives back to the database what this process keeps unused: of pools it has not reserved on for
     * {@code idleFor}, of pools another process found short lately, and of pools lowered by a change of their limit;
     * {@code Duration.ZERO} gives back every unused allowance (at shutdown). Allowances of months before
     * {@code month} with nothing held are forgotten.
     */
    void returnAllowances(Duration idleFor, YearMonth month) {
        if (port == null) {
            return;
        }
        long now = System.nanoTime();
        Map<String, Allowance> kept = new HashMap<>();
        for (Allowance al : allowances.values()) {
            synchronized (al) {
                if (now - al.lastUse >= idleFor.toNanos()) {
                    al.lowerToUsed();
                } else if (al.unused() > 0) {
                    kept.put(al.poolId, al);
                }
            }
        }
        if (!kept.isEmpty()) {
            try {
                for (String wanted : port.wanted(kept.keySet(), WANTED_WITHIN)) {
                    Allowance al = kept.get(wanted);
                    synchronized (al) {
                        al.lowerToUsed();
                    }
                }
            } catch (RuntimeException e) {
                log.warn("could not learn which quota pools other processes are short of: {}", e.getMessage());
            }
        }
        for (Allowance al : allowances.values()) {
            long amount;
            boolean forget;
            synchronized (al) {
                amount = al.toReturn;
                al.toReturn = 0;
                forget = al.month != null && al.month.isBefore(month) && al.held == 0;
            }
            if (amount > 0) {
                try {
                    port.giveBack(node, al.poolId, amount);
                } catch (RuntimeException e) {
                    synchronized (al) {
                        al.toReturn += amount;
                    }
                    log.warn("could not give back {} units of allowance on {}: {}", amount, al.poolId, e.getMessage());
                    continue;
                }
            }
            if (forget) {
                allowances.remove(al.poolId, al);
            }
        }
    }

    /**
     * Takes a debit of {@code amount} from the pool, after giving back this process's own unused allowance of it, so
     * that the other processes' allowances still fit in what is left; false when the pool cannot cover it.
     *
     * @param funds what the pool holds (a wallet's credits)
     * @param base  what the pool has spent outside allowances, as seen here
     */
    boolean takeDebit(String poolId, long funds, long base, long amount) {
        lower(poolId);
        returnPool(poolId);
        try {
            return port.take(poolId, funds, base, amount);
        } catch (RuntimeException e) {
            throw new QuotaLedger.AllowanceUnavailableException(e);
        }
    }

    /** A debit taken by {@link #takeDebit} could not be recorded: its amount goes back to the pool. */
    void putBack(String poolId, long amount) {
        port.putBack(poolId, amount);
    }

    private void returnPool(String poolId) {
        Allowance al = allowances.get(poolId);
        if (al == null) {
            return;
        }
        long amount;
        synchronized (al) {
            amount = al.toReturn;
            al.toReturn = 0;
        }
        if (amount > 0) {
            try {
                port.giveBack(node, poolId, amount);
            } catch (RuntimeException e) {
                synchronized (al) {
                    al.toReturn += amount;
                }
                throw new QuotaLedger.AllowanceUnavailableException(e);
            }
        }
    }

    /** How many times this process asked the database for allowance since it started (a figure for metrics). */
    long requests() {
        return grantCalls.get();
    }

    /** This process's allowance on {@code poolId} (zeros when it has none). */
    AllowanceFigures figures(String poolId) {
        Allowance al = allowances.get(poolId);
        if (al == null) {
            return new AllowanceFigures(0, 0, 0);
        }
        synchronized (al) {
            return new AllowanceFigures(al.ceiling, al.spent, al.held);
        }
    }

    /** Units of allowance this process holds unused, over all pools. */
    long unused() {
        long sum = 0;
        for (Allowance al : allowances.values()) {
            synchronized (al) {
                sum += al.unused();
            }
        }
        return sum;
    }
}
