package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.domain.billing.Wallet;
import dev.tollgate.domain.billing.event.CheckedInEvent;
import dev.tollgate.domain.billing.event.CodeRedeemedEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random interleavings of the ledger's operations — reserve, settle, release (a settlement of 0: a failure before the
 * first byte), top-up, debit (held, then recorded or abandoned), redemption, check-in, and the events of this node's
 * own settlements and debits coming back from the event store — checked against a plain model after every step:
 * no key or wallet below zero, reserved ≥ 0 and never more than was available, credits − debits − spent = balance,
 * 0 ≤ settled ≤ reserved, and every figure equal to what the model counted.
 *
 * <p>The accounts: two users with wallets (alice with a capped key and an "unlimited" one, bob with a capped key)
 * and the root operator (no wallet, a capped key and an unlimited one).
 */
class QuotaLedgerPropertiesTest {
    /** The id of the process whose ledger is tested: its own settlements come back with it and are skipped. */
    private static final String SELF = "this-node";

    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final List<String> OWNERS = List.of("alice", "bob");

    /** A key: its owner, its cap (null: unlimited). */
    private record Key(String id, String owner, Long quota) {}

    private static final List<Key> KEYS = List.of(
            new Key("alice-capped", "alice", 500L),
            new Key("alice-unlimited", "alice", null),
            new Key("bob-capped", "bob", 300L),
            new Key("root-capped", "root", 200L),
            new Key("root-unlimited", "root", null));

    sealed interface Op {}

    record Reserve(int key, long amount) implements Op {}

    record Settle(int which, long cost, boolean echoNow) implements Op {}

    record Release(int which) implements Op {}

    record TopUp(int owner, long amount) implements Op {}

    record Redeem(int owner, long value) implements Op {}

    record CheckIn(int owner, long amount) implements Op {}

    record Debit(int owner, long amount, boolean recorded, boolean echoNow) implements Op {}

    /** The events of settlements and debits made here arrive from the event store. */
    record Echo() implements Op {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS.size() - 1);
        Arbitrary<Integer> owner = Arbitraries.integers().between(0, OWNERS.size() - 1);
        Arbitrary<Integer> which = Arbitraries.integers().between(0, 20);
        Arbitrary<Long> amount = Arbitraries.longs().between(0, 400);
        Arbitrary<Long> credit = Arbitraries.longs().between(1, 700);
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Combinators.combine(key, amount).as(Reserve::new)),
                net.jqwik.api.Tuple.of(
                        3,
                        Combinators.combine(which, Arbitraries.longs().between(0, 600), flag)
                                .as(Settle::new)),
                net.jqwik.api.Tuple.of(1, which.map(Release::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(owner, credit).as(TopUp::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(owner, credit).as(Redeem::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(owner, credit).as(CheckIn::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(owner, Arbitraries.longs().between(1, 500), flag, flag)
                                .as(Debit::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Echo())));
        return op.list().ofMinSize(1).ofMaxSize(80);
    }

    /** What the ledger should hold, counted the simple way. */
    private static final class Model {
        final Map<String, Long> credited = new HashMap<>();
        final Map<String, Long> debited = new HashMap<>();
        final Map<String, Long> walletUsed = new HashMap<>();
        final Map<String, Long> keyUsed = new HashMap<>();
        final List<Reservation> open = new ArrayList<>();
        final List<Object> echoes = new ArrayList<>();
        int sequence;

        long walletReserved(String owner) {
            return open.stream()
                    .filter(r -> owner.equals(r.walletOwner()))
                    .mapToLong(Reservation::amount)
                    .sum();
        }

        long keyReserved(String key) {
            return open.stream()
                    .filter(r -> key.equals(r.tokenId()) && r.keyPart())
                    .mapToLong(Reservation::amount)
                    .sum();
        }

        long balance(String owner) {
            return credited.getOrDefault(owner, 0L)
                    - debited.getOrDefault(owner, 0L)
                    - walletUsed.getOrDefault(owner, 0L);
        }

        /** What a key could still reserve: its cap's rest and, unless its owner is root, its wallet's free part. */
        long free(Key key) {
            long keyFree = key.quota() == null
                    ? Long.MAX_VALUE
                    : key.quota() - keyUsed.getOrDefault(key.id(), 0L) - keyReserved(key.id());
            if ("root".equals(key.owner())) {
                return keyFree;
            }
            return Math.min(keyFree, balance(key.owner()) - walletReserved(key.owner()));
        }
    }

    private static QuotaLedger ledgerWithKeys() {
        QuotaLedger ledger = new QuotaLedger();
        for (Key k : KEYS) {
            ledger.on(new TokenIssuedEvent(
                    k.id(),
                    k.owner(),
                    k.id(),
                    "0".repeat(64),
                    "sk-...",
                    k.quota() == null ? 0 : k.quota(),
                    k.quota() == null,
                    null,
                    List.of(),
                    "user:root",
                    AT));
        }
        return ledger;
    }

    @Property(tries = 500)
    void givenAnyInterleavingOfLedgerOperations_thenTheInvariantsHoldAfterEveryStep(
            @ForAll("operations") List<Op> operations) {
        QuotaLedger ledger = ledgerWithKeys();
        Model model = new Model();
        for (Op op : operations) {
            apply(ledger, model, op);
            assertInvariants(ledger, model, op);
        }
        // and when every request in flight ends and every event has arrived, nothing is held any more
        for (Reservation r : List.copyOf(model.open)) {
            apply(ledger, model, new Settle(model.open.indexOf(r), 0, true));
        }
        apply(ledger, model, new Echo());
        assertInvariants(ledger, model, new Echo());
        for (String owner : OWNERS) {
            assertThat(ledger.walletFigures(owner).reserved()).isZero();
        }
    }

    private static void apply(QuotaLedger ledger, Model model, Op op) {
        switch (op) {
            case Reserve(int k, long amount) -> {
                Key key = KEYS.get(k);
                long free = model.free(key);
                boolean unlimitedOnly = key.quota() == null && "root".equals(key.owner());
                Optional<Reservation> r = ledger.reserve(key.id(), "req-" + model.sequence++, amount);
                if (unlimitedOnly) {
                    assertThat(r).as("an unlimited root key is always admitted").isPresent();
                    assertThat(r.get().amount()).isZero();
                } else {
                    assertThat(r.isPresent())
                            .as("admitted %s of free %s", amount, free)
                            .isEqualTo(amount <= free && free > 0);
                }
                r.ifPresent(model.open::add);
            }
            case Settle(int which, long cost, boolean echoNow) -> {
                if (model.open.isEmpty()) {
                    return;
                }
                Reservation r = model.open.remove(which % model.open.size());
                long charged = ledger.settle(r, cost);
                if (r.unlimited()) {
                    assertThat(charged).isEqualTo(cost);
                } else {
                    assertThat(charged)
                            .as("0 ≤ settled ≤ reserved")
                            .isBetween(0L, r.amount())
                            .isEqualTo(Math.min(cost, r.amount()));
                }
                String owner = KEYS.stream()
                        .filter(k -> k.id().equals(r.tokenId()))
                        .findFirst()
                        .orElseThrow()
                        .owner();
                model.keyUsed.merge(r.tokenId(), charged, Math::addExact);
                if (!"root".equals(owner)) {
                    model.walletUsed.merge(owner, charged, Math::addExact);
                }
                RequestSettledEvent event = new RequestSettledEvent(
                        r.requestId(),
                        r.tokenId(),
                        owner,
                        "m",
                        "m",
                        "c",
                        0,
                        0,
                        charged,
                        1,
                        200,
                        charged == 0 ? "failed" : "succeeded",
                        false,
                        AT);
                if (echoNow) {
                    new ForeignRequestEvents(ledger, SELF).on(event, SELF);
                } else {
                    model.echoes.add(event);
                }
            }
            case Release(int which) -> apply(ledger, model, new Settle(which, 0, true));
            case TopUp(int o, long amount) -> {
                String owner = OWNERS.get(o);
                ledger.on(
                        new WalletCreditedEvent(Wallet.idOf(owner), amount, "top_up", "test", "user:root", AT),
                        model.sequence++);
                model.credited.merge(owner, amount, Math::addExact);
            }
            case Redeem(int o, long value) -> {
                String owner = OWNERS.get(o);
                ledger.on(new CodeRedeemedEvent(
                        "hash-" + model.sequence++, "batch", Wallet.idOf(owner), value, "user:" + owner, AT));
                model.credited.merge(owner, value, Math::addExact);
            }
            case CheckIn(int o, long amount) -> {
                String owner = OWNERS.get(o);
                ledger.on(new CheckedInEvent(
                        owner, LocalDate.ofEpochDay(model.sequence++), Wallet.idOf(owner), amount, AT));
                model.credited.merge(owner, amount, Math::addExact);
            }
            case Debit(int o, long amount, boolean recorded, boolean echoNow) -> {
                String owner = OWNERS.get(o);
                long free = model.balance(owner) - model.walletReserved(owner);
                String debitId = "debit-" + model.sequence++;
                boolean held = ledger.holdForDebit(owner, debitId, amount);
                assertThat(held)
                        .as("debit of %s from a free balance of %s", amount, free)
                        .isEqualTo(amount <= free);
                if (!held) {
                    return;
                }
                assertThat(ledger.walletFigures(owner).reserved()).isEqualTo(model.walletReserved(owner) + amount);
                if (!recorded) {
                    ledger.releaseDebit(owner, debitId, amount);
                    return;
                }
                ledger.completeDebit(owner, debitId, amount);
                model.debited.merge(owner, amount, Math::addExact);
                WalletDebitedEvent event =
                        new WalletDebitedEvent(Wallet.idOf(owner), amount, debitId, "test", "user:root", AT);
                if (echoNow) {
                    ledger.on(event, model.sequence++);
                } else {
                    model.echoes.add(event);
                }
            }
            case Echo() -> {
                for (Object event : model.echoes) {
                    if (event instanceof RequestSettledEvent settled) {
                        new ForeignRequestEvents(ledger, SELF).on(settled, SELF); // stored by this process: skipped
                    } else {
                        ledger.on((WalletDebitedEvent) event, model.sequence++);
                    }
                }
                model.echoes.clear();
            }
        }
    }

    private static void assertInvariants(QuotaLedger ledger, Model model, Op after) {
        for (Key key : KEYS) {
            long used = ledger.used(key.id());
            assertThat(used)
                    .as("%s: used after %s", key.id(), after)
                    .isEqualTo(model.keyUsed.getOrDefault(key.id(), 0L));
            if (key.quota() != null) {
                assertThat(key.quota() - used - model.keyReserved(key.id()))
                        .as("%s: never below zero", key.id())
                        .isGreaterThanOrEqualTo(0);
            }
            long available = ledger.available(key.id());
            assertThat(available)
                    .as("%s: available after %s", key.id(), after)
                    .isGreaterThanOrEqualTo(0)
                    .isEqualTo(Math.max(0, model.free(key)));
        }
        for (String owner : OWNERS) {
            QuotaLedger.WalletFigures w = ledger.walletFigures(owner);
            assertThat(w.enforced()).isTrue();
            assertThat(w.balance()).as("%s: balance after %s", owner, after).isGreaterThanOrEqualTo(0);
            assertThat(w.reserved())
                    .as("%s: reserved after %s", owner, after)
                    .isGreaterThanOrEqualTo(0)
                    .isLessThanOrEqualTo(w.balance())
                    .isEqualTo(model.walletReserved(owner));
            assertThat(w.credited() - w.debited() - w.used())
                    .as("%s: conservation", owner)
                    .isEqualTo(w.balance());
            assertThat(w.credited()).isEqualTo(model.credited.getOrDefault(owner, 0L));
            assertThat(w.debited()).isEqualTo(model.debited.getOrDefault(owner, 0L));
            assertThat(w.used()).isEqualTo(model.walletUsed.getOrDefault(owner, 0L));
            long spentByKeys = KEYS.stream()
                    .filter(k -> k.owner().equals(owner))
                    .mapToLong(k -> ledger.used(k.id()))
                    .sum();
            assertThat(w.used())
                    .as("%s: the wallet's spending is its keys' spending", owner)
                    .isEqualTo(spentByKeys);
        }
        assertThat(ledger.walletBalances()).doesNotContainKey("root");
    }
}
