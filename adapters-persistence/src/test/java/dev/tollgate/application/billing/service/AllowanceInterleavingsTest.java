package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.AxonStorageTestConfiguration;
import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.adapter.out.persistence.billing.AllowancePersistenceAdapter;
import dev.tollgate.domain.billing.event.WalletCreditedEvent;
import dev.tollgate.domain.billing.event.WalletDebitedEvent;
import dev.tollgate.domain.token.event.TokenIssuedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Random interleavings (seeded, so a failure can be replayed) of reservations, settlements, releases, give-backs,
 * credits and debits on two processes that share the database but never see each other's reservations or
 * settlements; credits and debits reach the other process some steps later, as events do. After every step: the two
 * together never spent, hold and debited more than was credited; the database never committed more than the credits;
 * each process stays within its allowance and its allowance within what the database granted it.
 */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringJUnitConfig(AxonStorageTestConfiguration.class)
class AllowanceInterleavingsTest {
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
    private static final int SEQUENCES = 150;
    private static final int STEPS = 60;

    private final JdbcTemplate jdbc;
    private final AllowancePersistenceAdapter allowances;

    @Autowired
    AllowanceInterleavingsTest(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.allowances = new AllowancePersistenceAdapter(jdbc, transactions);
    }

    @Test
    void givenRandomInterleavingsOnTwoProcesses_thenNoStepOverdrawsTheWalletOrExceedsAnAllowance() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            run(random, "seed " + seed + ", sequence " + sequence);
        }
    }

    private void run(Random random, String label) {
        String user = "u" + UUID.randomUUID();
        String token = "t-" + user;
        String pool = "wallet:" + user;
        Node[] nodes = {new Node(user, "a"), new Node(user, "b")};
        long credited = 0;
        long debited = 0;
        long charged = 0;
        long initial = 1 + random.nextInt(500);
        for (Node n : nodes) {
            n.ledger.on(new TokenIssuedEvent(
                    token, user, "k", "0".repeat(64), "sk-...", 0, true, null, List.of(), "user:" + user, AT));
            n.ledger.on(new WalletCreditedEvent("wallet-" + user, initial, "top_up", "funds", "user:root", AT), 0);
        }
        credited += initial;
        for (int step = 0; step < STEPS; step++) {
            Node node = nodes[random.nextInt(2)];
            Node other = node == nodes[0] ? nodes[1] : nodes[0];
            String what;
            int op = random.nextInt(100);
            if (op < 40) {
                long amount = random.nextInt(80);
                Optional<Reservation> r = node.ledger.reserve(token, "req_" + UUID.randomUUID(), amount);
                r.ifPresent(node.open::add);
                what = "reserve " + amount + " on " + node.name + (r.isPresent() ? "" : " (refused)");
            } else if (op < 70) {
                Reservation r = node.open.poll();
                if (r == null) {
                    continue;
                }
                long cost = random.nextInt(3) == 0 ? 0 : random.nextInt((int) r.amount() + 20);
                charged += node.ledger.settle(r, cost);
                what = "settle " + r.amount() + " at " + cost + " on " + node.name;
            } else if (op < 78) {
                node.ledger.returnAllowances(random.nextBoolean() ? Duration.ZERO : Duration.ofHours(1));
                what = "give back on " + node.name;
            } else if (op < 86) {
                long amount = 1 + random.nextInt(200);
                credited += amount;
                WalletCreditedEvent e =
                        new WalletCreditedEvent("wallet-" + user, amount, "top_up", "more", "user:root", AT);
                node.ledger.on(e, 0);
                other.late.add(() -> other.ledger.on(e, 0));
                what = "credit " + amount + " seen on " + node.name;
            } else if (op < 94) {
                long amount = 1 + random.nextInt(100);
                String debitId = "debit_" + UUID.randomUUID();
                boolean done = node.ledger.walletFigures(user).balance()
                                        - node.ledger.walletFigures(user).reserved()
                                >= amount
                        && node.ledger.takeDebitFromPool(user, amount);
                if (done && !node.ledger.holdForDebit(user, debitId, amount)) {
                    node.ledger.putDebitBackInPool(user, amount);
                    done = false;
                }
                if (done) {
                    node.ledger.completeDebit(user, debitId, amount);
                    debited += amount;
                    WalletDebitedEvent e =
                            new WalletDebitedEvent("wallet-" + user, amount, debitId, "less", "user:root", AT);
                    other.late.add(() -> other.ledger.on(e, 0));
                }
                what = "debit " + amount + " on " + node.name + (done ? "" : " (refused)");
            } else {
                Runnable late = other.late.poll();
                if (late == null) {
                    continue;
                }
                late.run();
                what = "an event reaches " + other.name;
            }
            String at = label + ", step " + step + " (" + what + ")";
            long held = 0;
            for (Node n : nodes) {
                held += n.open.stream().mapToLong(Reservation::amount).sum();
                ProcessAllowances.AllowanceFigures mine = n.ledger.allowanceFigures(pool);
                assertThat(mine.spent() + mine.held())
                        .as(at + ": within " + n.name + "'s allowance")
                        .isLessThanOrEqualTo(mine.ceiling());
                Long granted = jdbc.queryForObject(
                        "select coalesce(sum(ceiling), 0) from quota_allowance " + "where pool_id = ? and node = ?",
                        Long.class,
                        pool,
                        n.node);
                assertThat(mine.ceiling())
                        .as(at + ": " + n.name + "'s allowance within its grant")
                        .isLessThanOrEqualTo(granted);
            }
            assertThat(charged + held + debited)
                    .as(at + ": spent, held and debited within the credits")
                    .isLessThanOrEqualTo(credited);
            Long committed = jdbc.queryForObject(
                    "select coalesce(max(p.base), 0) + coalesce(sum(a.ceiling), 0) "
                            + "from quota_pool p left join quota_allowance a on a.pool_id = p.pool_id where p.pool_id = ?",
                    Long.class,
                    pool);
            assertThat(committed)
                    .as(at + ": committed in the database within the credits")
                    .isLessThanOrEqualTo(credited);
        }
    }

    /** One process: its ledger, its reservations in flight, and the events of the other one it has not seen yet. */
    private final class Node {
        final String name;
        final String node;
        final QuotaLedger ledger;
        final Deque<Reservation> open = new ArrayDeque<>();
        final Deque<Runnable> late = new ArrayDeque<>();

        Node(String user, String name) {
            this.name = name;
            this.node = "node-" + name + "-" + user;
            this.ledger = new QuotaLedger(null, Clock.systemUTC(), allowances, node, Duration.ZERO);
        }
    }
}
