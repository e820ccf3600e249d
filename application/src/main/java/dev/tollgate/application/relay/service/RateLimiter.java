package dev.tollgate.application.relay.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.in.UserView;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.out.RateLimitPort;
import dev.tollgate.application.token.port.in.TokenRecord;
import dev.tollgate.application.token.port.in.UserRateLimits;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.token.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests and tokens per minute, per key (its own limits, or its organisation's defaults for keys), per member of an
 * organisation (all the member's keys in it, set by the organisation's owner and admins), per organisation
 * (all its keys together, as granted by platform admins) and per user (all keys of the key's owner together; the root
 * user is limited by its keys' and organisations' limits only). Admission takes one request from each request bucket and the request's
 * estimated tokens from each token bucket before the upstream call; settlement corrects the token buckets by the
 * difference between the estimate and the actual tokens.
 *
 * <p>A key without limits, owned by a user without limits, touches no bucket at all: nothing leaves memory. A
 * limited request takes from a lease this process holds on the bucket when it can: a lease is a sixty-fourth of the
 * limit (what the bucket refills in about a second), taken from the shared bucket in one round trip and used here for
 * at most {@link #LEASE_LIFE_NANOS}; what is left then goes back to the bucket. Small limits (under 128 per minute)
 * lease nothing: every request takes its own token from the shared bucket, exactly as before. The corrections after
 * the answer and the returns are sent from a background executor, never on the request thread. When the buckets
 * cannot be reached, a limited request is refused (503 {@code rate_limit_unavailable}), never let through unchecked.
 */
public class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimitPort buckets;
    private final UserRateLimits userLimits;
    private final UserDirectory users;
    private final Executor corrections;

    private final OrganizationDirectory organizations;

    /** A lease is this share of the limit, taken at once (a limit of N per minute refills N/64 in about 0.94 s). */
    static final long LEASE_SHARE = 64;
    /** How long a lease may be used; then what is left of it goes back to its bucket. */
    static final long LEASE_LIFE_NANOS = 1_000_000_000L;

    /** Tokens taken from a shared bucket ahead of use by this process, usable until {@code expiresAt}. */
    private static final class Lease {
        final Limit limit;
        long tokens;
        long expiresAt;
        /** The bucket could not give a whole lease lately: until then, requests take only their own share. */
        long noLeaseUntil;
        /** Taken out of the map: a new lease of its bucket needs a new object. */
        boolean gone;
        /** Held while a new lease is taken from the shared bucket. */
        final ReentrantLock refill = new ReentrantLock();

        Lease(Limit limit) {
            this.limit = limit;
        }
    }

    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    public RateLimiter(
            RateLimitPort buckets,
            UserRateLimits userLimits,
            UserDirectory users,
            Executor corrections,
            OrganizationDirectory organizations) {
        this.organizations = organizations;
        this.buckets = buckets;
        this.userLimits = userLimits;
        this.users = users;
        this.corrections = corrections;
    }

    /** One bucket a request took from. */
    private record Taken(String bucket, long perMinute, long amount, boolean tokens) {}

    /** What an admitted request took from the buckets: corrected at settlement, or given back if not forwarded. */
    public static final class Permit {
        static final Permit NONE = new Permit(List.of());
        private final List<Taken> taken;

        private Permit(List<Taken> taken) {
            this.taken = taken;
        }
    }

    /** One limit to check: a bucket name, the limit and what it is called in the refusal. */
    private record Limit(String bucket, long perMinute, boolean tokens, String who) {}

    /**
     * Takes a request and {@code estimatedTokens} (clamped to each token limit) from every bucket that limits this
     * key, or refuses with 429 {@code rate_limit_exceeded} and a {@code Retry-After}, having taken nothing.
     */
    public Permit admit(TokenRecord token, long estimatedTokens) {
        List<Limit> limits = limits(token);
        if (limits.isEmpty()) {
            return Permit.NONE;
        }
        List<Taken> taken = new ArrayList<>(limits.size());
        for (Limit limit : limits) {
            long amount = limit.tokens() ? Math.max(1, Math.min(estimatedTokens, limit.perMinute())) : 1;
            long waitNanos;
            try {
                waitNanos = take(limit, amount);
            } catch (RuntimeException e) {
                log.warn("rate-limit bucket {} could not be read: {}", limit.bucket(), e.toString());
                giveBack(taken);
                // a limited key is never let through unchecked
                throw new RelayException(
                        503,
                        "server_error",
                        "rate_limit_unavailable",
                        "the rate limits of this " + "key could not be checked just now; retry shortly",
                        1L);
            }
            if (waitNanos > 0) {
                giveBack(taken);
                throw refused(limit, waitNanos);
            }
            taken.add(new Taken(limit.bucket(), limit.perMinute(), amount, limit.tokens()));
        }
        return new Permit(List.copyOf(taken));
    }

    /**
     * Takes {@code amount} from the bucket: from this process's lease when it holds enough, else by taking a new
     * lease (one request at a time per bucket: the others then find it), else just the amount.
     *
     * @return 0 when taken; otherwise the nanoseconds until the bucket will hold {@code amount}, nothing taken
     */
    private long take(Limit limit, long amount) {
        long lease = limit.perMinute() / LEASE_SHARE;
        if (lease <= amount) {
            return buckets.tryTake(limit.bucket(), limit.perMinute(), amount);
        }
        if (fromLease(limit, amount)) {
            return 0;
        }
        Lease current = leases.computeIfAbsent(limit.bucket(), b -> new Lease(limit));
        current.refill.lock();
        try {
            if (fromLease(limit, amount)) {
                return 0; // another request took a lease meanwhile
            }
            if (leaseWorthTrying(limit)) {
                if (buckets.tryTake(limit.bucket(), limit.perMinute(), lease) == 0) {
                    newLease(limit, lease - amount);
                    return 0;
                }
                leaseRefused(limit);
            }
            return buckets.tryTake(limit.bucket(), limit.perMinute(), amount);
        } finally {
            current.refill.unlock();
        }
    }

    /** Takes {@code amount} from this process's lease on the bucket, if it holds a live one with that much. */
    private boolean fromLease(Limit limit, long amount) {
        if (limit.perMinute() / LEASE_SHARE <= amount) {
            return false;
        }
        Lease lease = leases.get(limit.bucket());
        if (lease == null) {
            return false;
        }
        synchronized (lease) {
            if (lease.gone || lease.tokens < amount || System.nanoTime() - lease.expiresAt >= 0) {
                return false;
            }
            lease.tokens -= amount;
            return true;
        }
    }

    /** False for a second after the bucket could not give a whole lease (it is nearly empty: no second trip). */
    private boolean leaseWorthTrying(Limit limit) {
        Lease lease = leases.get(limit.bucket());
        if (lease == null) {
            return true;
        }
        synchronized (lease) {
            return System.nanoTime() - lease.noLeaseUntil >= 0;
        }
    }

    private void leaseRefused(Limit limit) {
        Lease lease = leases.computeIfAbsent(limit.bucket(), b -> new Lease(limit));
        synchronized (lease) {
            lease.noLeaseUntil = System.nanoTime() + LEASE_LIFE_NANOS;
        }
    }

    /** A new lease of {@code tokens} on the bucket for the next second; what an expired one left goes back. */
    private void newLease(Limit limit, long tokens) {
        while (true) {
            Lease lease = leases.computeIfAbsent(limit.bucket(), b -> new Lease(limit));
            long left;
            synchronized (lease) {
                if (lease.gone) {
                    continue;
                }
                long now = System.nanoTime();
                left = now - lease.expiresAt >= 0 ? lease.tokens : 0;
                lease.tokens = left > 0 ? tokens : Math.addExact(lease.tokens, tokens);
                lease.expiresAt = now + LEASE_LIFE_NANOS;
            }
            if (left > 0) {
                giveBack(List.of(new Taken(limit.bucket(), limit.perMinute(), left, limit.tokens())));
            }
            return;
        }
    }

    /**
     * Gives back to their buckets what expired leases left unused, so other processes can have them; with
     * {@code all}, every lease (at shutdown). Called every few hundred milliseconds.
     */
    public void returnLeases(boolean all) {
        long now = System.nanoTime();
        for (Lease lease : leases.values()) {
            long left;
            synchronized (lease) {
                if (!all && (now - lease.expiresAt < 0 || now - lease.noLeaseUntil < 0)) {
                    continue; // still in use, or still remembering that the bucket is nearly empty
                }
                left = lease.tokens;
                lease.tokens = 0;
                lease.gone = true;
                leases.remove(lease.limit.bucket(), lease);
            }
            if (left > 0) {
                giveBack(List.of(new Taken(lease.limit.bucket(), lease.limit.perMinute(), left, lease.limit.tokens())));
            }
        }
    }

    /**
     * Corrects the token buckets by what the request really used: the surplus of the estimate goes back, a
     * shortfall is taken even into debt (later requests wait for it) — into or out of this process's live lease of
     * the bucket when it has one (in memory), otherwise sent to the bucket in the background.
     */
    public void settle(Permit permit, long actualTokens) {
        List<Taken> corrections = new ArrayList<>(2);
        for (Taken t : permit.taken) {
            long delta = t.tokens() ? actualTokens - t.amount() : 0;
            // a lease of the bucket held here takes the correction in memory; otherwise the bucket does, later
            if (delta != 0 && !correctLease(t.bucket(), delta)) {
                corrections.add(new Taken(t.bucket(), t.perMinute(), delta, true));
            }
        }
        if (corrections.isEmpty()) {
            return;
        }
        this.corrections.execute(() -> {
            for (Taken t : corrections) {
                long delta = t.amount();
                try {
                    if (delta < 0) {
                        buckets.giveBack(t.bucket(), t.perMinute(), -delta);
                    } else {
                        buckets.takeRegardless(t.bucket(), t.perMinute(), delta);
                    }
                } catch (RuntimeException e) {
                    log.warn(
                            "could not correct rate-limit bucket {} by {} tokens: {}", t.bucket(), delta, e.toString());
                }
            }
        });
    }

    /**
     * Puts a surplus into this process's live lease of the bucket, or takes a shortfall from it when it holds enough;
     * false when there is no such lease (the bucket itself must be corrected).
     */
    private boolean correctLease(String bucket, long delta) {
        Lease lease = leases.get(bucket);
        if (lease == null) {
            return false;
        }
        synchronized (lease) {
            if (lease.gone || System.nanoTime() - lease.expiresAt >= 0 || lease.tokens < delta) {
                return false;
            }
            lease.tokens = Math.subtractExact(lease.tokens, delta);
            return true;
        }
    }

    /** The request was refused after admission (quota): everything it took goes back. */
    public void release(Permit permit) {
        giveBack(permit.taken);
    }

    private void giveBack(List<Taken> taken) {
        if (taken.isEmpty()) {
            return;
        }
        corrections.execute(() -> {
            for (Taken t : taken) {
                try {
                    buckets.giveBack(t.bucket(), t.perMinute(), t.amount());
                } catch (RuntimeException e) {
                    log.warn(
                            "could not give back {} to rate-limit bucket {}: {}", t.amount(), t.bucket(), e.toString());
                }
            }
        });
    }

    private List<Limit> limits(TokenRecord token) {
        List<Limit> limits = new ArrayList<>(6);
        RateLimit own = token.rateLimit();
        RateLimit defaults = organizations.keyDefaultsOf(token.organizationId());
        add(
                limits,
                "key:" + token.id(),
                new RateLimit(
                        own.rpm() != null ? own.rpm() : defaults.rpm(), own.tpm() != null ? own.tpm() : defaults.tpm()),
                "the key's");
        add(
                limits,
                "member:" + token.organizationId() + "/" + token.ownerId(),
                organizations.memberLimitOf(token.organizationId(), token.ownerId()),
                "its holder's");
        add(
                limits,
                "org:" + token.organizationId(),
                organizations.policyOf(token.organizationId()).rateLimit(),
                "its organisation's");
        RateLimit perUser = userLimits.current();
        if (!perUser.none() && !root(token.ownerId())) {
            add(limits, "user:" + token.ownerId(), perUser, "its owner's");
        }
        return limits;
    }

    private boolean root(String userId) {
        return users.findById(userId)
                .map(UserView::role)
                .filter(r -> r == Role.ROOT)
                .isPresent();
    }

    private static void add(List<Limit> limits, String scope, RateLimit limit, String who) {
        if (limit.rpm() != null) {
            limits.add(new Limit(scope + ":rpm:" + limit.rpm(), limit.rpm(), false, who));
        }
        if (limit.tpm() != null) {
            limits.add(new Limit(scope + ":tpm:" + limit.tpm(), limit.tpm(), true, who));
        }
    }

    private static RelayException refused(Limit limit, long waitNanos) {
        long seconds = Math.max(1, Math.ceilDiv(waitNanos, NANOS_PER_SECOND));
        String what = limit.tokens() ? "tokens" : "requests";
        return new RelayException(
                429,
                what,
                "rate_limit_exceeded",
                "rate limit reached: " + limit.who() + " limit of " + limit.perMinute() + " " + what
                        + " per minute is used up; retry in " + seconds + " s",
                seconds);
    }
}
