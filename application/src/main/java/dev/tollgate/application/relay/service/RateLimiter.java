package dev.tollgate.application.relay.service;

import dev.tollgate.application.account.query.UserDirectory;
import dev.tollgate.application.account.query.UserView;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.out.RateLimitPort;
import dev.tollgate.application.token.query.TokenRecord;
import dev.tollgate.application.token.query.UserRateLimits;
import dev.tollgate.domain.account.Role;
import dev.tollgate.domain.token.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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
 * limited request costs one round trip to the shared buckets per limit; the corrections after the answer are sent
 * from a background executor, never on the request thread. When the buckets cannot be reached, a limited request is
 * refused (503 {@code rate_limit_unavailable}), never let through unchecked.
 */
public class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final RateLimitPort buckets;
    private final UserRateLimits userLimits;
    private final UserDirectory users;
    private final Executor corrections;

    private final dev.tollgate.application.organization.query.OrganizationDirectory organizations;

    public RateLimiter(RateLimitPort buckets, UserRateLimits userLimits, UserDirectory users, Executor corrections,
            dev.tollgate.application.organization.query.OrganizationDirectory organizations) {
        this.organizations = organizations;
        this.buckets = buckets;
        this.userLimits = userLimits;
        this.users = users;
        this.corrections = corrections;
    }

    /** One bucket a request took from. */
    private record Taken(String bucket, long perMinute, long amount, boolean tokens) {
    }

    /** What an admitted request took from the buckets: corrected at settlement, or given back if not forwarded. */
    public static final class Permit {
        static final Permit NONE = new Permit(List.of());
        private final List<Taken> taken;

        private Permit(List<Taken> taken) {
            this.taken = taken;
        }
    }

    /** One limit to check: a bucket name, the limit and what it is called in the refusal. */
    private record Limit(String bucket, long perMinute, boolean tokens, String who) {
    }

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
                waitNanos = buckets.tryTake(limit.bucket(), limit.perMinute(), amount);
            } catch (RuntimeException e) {
                log.warn("rate-limit bucket {} could not be read: {}", limit.bucket(), e.toString());
                giveBack(taken);
                // a limited key is never let through unchecked
                throw new RelayException(503, "server_error", "rate_limit_unavailable", "the rate limits of this "
                        + "key could not be checked just now; retry shortly", 1L);
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
     * Corrects the token buckets by what the request really used: the surplus of the estimate goes back, a
     * shortfall is taken even into debt (later requests wait for it). Sent in the background.
     */
    public void settle(Permit permit, long actualTokens) {
        List<Taken> tokens = permit.taken.stream().filter(Taken::tokens).toList();
        if (tokens.isEmpty()) {
            return;
        }
        corrections.execute(() -> {
            for (Taken t : tokens) {
                long delta = actualTokens - t.amount();
                try {
                    if (delta < 0) {
                        buckets.giveBack(t.bucket(), t.perMinute(), -delta);
                    } else if (delta > 0) {
                        buckets.takeRegardless(t.bucket(), t.perMinute(), delta);
                    }
                } catch (RuntimeException e) {
                    log.warn("could not correct rate-limit bucket {} by {} tokens: {}", t.bucket(), delta,
                            e.toString());
                }
            }
        });
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
                    log.warn("could not give back {} to rate-limit bucket {}: {}", t.amount(), t.bucket(),
                            e.toString());
                }
            }
        });
    }

    private List<Limit> limits(TokenRecord token) {
        List<Limit> limits = new ArrayList<>(6);
        RateLimit own = token.rateLimit();
        RateLimit defaults = organizations.keyDefaultsOf(token.organizationId());
        add(limits, "key:" + token.id(), new RateLimit(own.rpm() != null ? own.rpm() : defaults.rpm(),
                own.tpm() != null ? own.tpm() : defaults.tpm()), "the key's");
        add(limits, "member:" + token.organizationId() + "/" + token.ownerId(),
                organizations.memberLimitOf(token.organizationId(), token.ownerId()), "its holder's");
        add(limits, "org:" + token.organizationId(), organizations.policyOf(token.organizationId()).rateLimit(),
                "its organisation's");
        RateLimit perUser = userLimits.current();
        if (!perUser.none() && !root(token.ownerId())) {
            add(limits, "user:" + token.ownerId(), perUser, "its owner's");
        }
        return limits;
    }

    private boolean root(String userId) {
        return users.findById(userId).map(UserView::role).filter(r -> r == Role.ROOT).isPresent();
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
        return new RelayException(429, what, "rate_limit_exceeded", "rate limit reached: " + limit.who() + " limit of "
                + limit.perMinute() + " " + what + " per minute is used up; retry in " + seconds + " s", seconds);
    }
}
