package dev.tollgate.application.billing.service;

import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import dev.tollgate.domain.token.event.TokenUpdatedEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;

/**
 * What each key may still spend, in memory, so that the relay checks and reserves quota without touching the
 * database. The quota cap comes from the token events; the spent amount from the settlement events (replayed at
 * start) plus the settlements made on this node that are not stored yet. Reservations of requests in flight are
 * counted against the key, so concurrent requests can never spend more than the key has (no overdraft).
 */
public class QuotaLedger {
    private static final class Account {
        long quota;
        boolean unlimited;
        long used;
        long reserved;
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Set<String> settledHere = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(TokenIssuedEvent event) {
        Account a = account(event.tokenId());
        synchronized (a) {
            a.quota = event.quota();
            a.unlimited = event.unlimitedQuota();
        }
    }

    @EventHandler
    void on(TokenUpdatedEvent event) {
        Account a = account(event.tokenId());
        synchronized (a) {
            a.quota = event.quota();
            a.unlimited = event.unlimitedQuota();
        }
    }

    @EventHandler
    void on(RequestSettledEvent event) {
        if (settledHere.remove(event.requestId())) {
            return; // already counted when it was settled on this node
        }
        Account a = account(event.tokenId());
        synchronized (a) {
            a.used = Math.addExact(a.used, event.cost());
        }
    }

    /** Units the key can still reserve, or {@code Long.MAX_VALUE} for an unlimited key. */
    public long available(String tokenId) {
        Account a = account(tokenId);
        synchronized (a) {
            return a.unlimited ? Long.MAX_VALUE : Math.max(0, a.quota - a.used - a.reserved);
        }
    }

    /** Units spent by the key so far (settled, stored or not). */
    public long used(String tokenId) {
        Account a = account(tokenId);
        synchronized (a) {
            return a.used;
        }
    }

    /**
     * Sets {@code amount} units aside for a request, or returns empty when the key cannot cover it. Always succeeds
     * for an unlimited key.
     */
    public Optional<Reservation> reserve(String tokenId, String requestId, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("negative reservation");
        }
        Account a = account(tokenId);
        synchronized (a) {
            if (a.unlimited) {
                return Optional.of(new Reservation(tokenId, requestId, 0, true));
            }
            long free = a.quota - a.used - a.reserved;
            if (amount > free || free <= 0) {
                return Optional.empty();
            }
            a.reserved = Math.addExact(a.reserved, amount);
            return Optional.of(new Reservation(tokenId, requestId, amount, false));
        }
    }

    /**
     * Ends a reservation with the actual cost; returns the units charged: the cost, clamped to the reservation for
     * a limited key (0 ≤ charged ≤ reserved). Must be called once per reservation, before the settlement event is
     * recorded.
     */
    public long settle(Reservation reservation, long cost) {
        if (cost < 0) {
            throw new IllegalArgumentException("negative cost");
        }
        Account a = account(reservation.tokenId());
        long charged;
        synchronized (a) {
            charged = reservation.unlimited() ? cost : Math.min(cost, reservation.amount());
            a.reserved -= reservation.amount();
            a.used = Math.addExact(a.used, charged);
        }
        settledHere.add(reservation.requestId());
        return charged;
    }

    private Account account(String tokenId) {
        return accounts.computeIfAbsent(tokenId, id -> new Account());
    }
}
