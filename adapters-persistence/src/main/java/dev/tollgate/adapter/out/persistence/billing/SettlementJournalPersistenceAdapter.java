package dev.tollgate.adapter.out.persistence.billing;

import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.application.billing.port.out.AllowancePort;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.application.billing.service.ForeignRequestEvents;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import dev.tollgate.domain.organization.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores relayed requests' billing events in their own event store ({@code request_event_entry}, see
 * {@code RequestEventStore}; never through the command bus), one transaction per batch, each event with this
 * process's id in its metadata ({@value #NODE}): the process applied it to its memory already, the others follow it. A request's events form a stream of type {@value #STREAM_TYPE} named by its request id, at fixed sequences
 * (the reservation 0, the settlement 1; a settlement without reservation 0): the unique key on (aggregate identifier,
 * sequence number) refuses a second settlement of the same request.
 *
 * <p>An event repeated inside a batch is stored once. When a batch hits an already stored event (typically the
 * retry of a batch whose commit was acknowledged too late), the stored ones are skipped and the others are stored one
 * by one; only newly stored events are counted.
 *
 * <p>In the same transaction: the {@code usage_record} rows of the settlements ({@link UsageRecordWriter}) and the
 * {@code open_reservation} rows (inserted with a reservation, deleted with its settlement; neither when both are in
 * the same batch), and the charges added to
 * {@code quota_spent} (per key, wallet and member budget month: what a start reads instead of every settlement).
 *
 * <p>Must be called outside an Axon unit of work (the billing journal's own thread): inside one, the events would
 * be stored only when that unit of work commits.
 */
public class SettlementJournalPersistenceAdapter implements SettlementJournalPort {
    public static final String STREAM_TYPE = "Request";
    /** The metadata entry naming the process that stored a request event (it applied the event to memory itself). */
    public static final String NODE = ForeignRequestEvents.NODE;

    private static final Logger log = LoggerFactory.getLogger(SettlementJournalPersistenceAdapter.class);

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final UsageRecordWriter usage;
    /** This process's id: its settlements' charges count as spent on its allowances ({@code quota_allowance}). */
    private final String node;

    private final AtomicLong serials = new AtomicLong();

    public SettlementJournalPersistenceAdapter(
            EventStore eventStore,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            UsageRecordWriter usage) {
        this(eventStore, jdbc, transactions, usage, null);
    }

    public SettlementJournalPersistenceAdapter(
            EventStore eventStore,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            UsageRecordWriter usage,
            String node) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.usage = usage;
        this.node = node;
    }

    /** The events, their usage rows and open reservations, in one transaction: all or nothing. */
    private void store(List<RequestEvent> batch) {
        List<RequestSettledEvent> settlements = new ArrayList<>();
        List<QuotaReservedEvent> reservations = new ArrayList<>();
        for (RequestEvent e : batch) {
            switch (e) {
                case RequestSettledEvent s -> settlements.add(s);
                case QuotaReservedEvent r -> reservations.add(r);
            }
        }
        // a hold settled in the same batch never needs its open_reservation row: it would be inserted and deleted in
        // the same transaction (the usual case: a request shorter than the flush interval)
        Map<String, Instant> reservedAt = new HashMap<>();
        Set<String> settledHere = new HashSet<>();
        for (RequestSettledEvent st : settlements) {
            if (st.reserved() > 0) {
                settledHere.add(st.requestId());
            }
        }
        List<QuotaReservedEvent> stillOpen = new ArrayList<>(reservations.size());
        for (QuotaReservedEvent r : reservations) {
            if (settledHere.contains(r.requestId())) {
                reservedAt.put(r.requestId(), r.at());
            } else {
                stillOpen.add(r);
            }
        }
        transaction.executeWithoutResult(status -> {
            eventStore.publish(messages(batch));
            if (!stillOpen.isEmpty()) {
                jdbc.batchUpdate("""
                        insert into open_reservation (request_id, token_id, owner_id, model, amount, node, reserved_at,
                            organization_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""", stillOpen, stillOpen.size(), (ps, r) -> {
                    ps.setString(1, r.requestId());
                    ps.setString(2, r.tokenId());
                    ps.setString(3, r.ownerId());
                    ps.setString(4, r.model());
                    ps.setLong(5, r.amount());
                    ps.setString(6, r.node());
                    ps.setTimestamp(7, Timestamp.from(r.at()));
                    ps.setString(8, r.payingOrganization());
                });
            }
            if (!settlements.isEmpty()) {
                String[] closed = settledHere.stream()
                        .filter(id -> !reservedAt.containsKey(id))
                        .toArray(String[]::new);
                if (closed.length > 0) {
                    // when each hold was taken: the usage record keeps it for the ledger's reservation entry
                    jdbc.query(
                            "delete from open_reservation where request_id = any (?) returning request_id, "
                                    + "reserved_at",
                            rs -> {
                                reservedAt.put(
                                        rs.getString(1), rs.getTimestamp(2).toInstant());
                            },
                            (Object) closed);
                }
                usage.insert(settlements, reservedAt);
                TreeMap<String, Long> spent = charges(settlements);
                addToSpent(spent);
                countSpent(spent);
            }
        });
    }

    /**
     * What the batch charged each account: the key, the member's budget (the settlement's month) and the wallet, by
     * the ids of {@code quota_pool} (in their order).
     */
    private static TreeMap<String, Long> charges(List<RequestSettledEvent> settlements) {
        TreeMap<String, Long> spent = new TreeMap<>();
        for (RequestSettledEvent s : settlements) {
            if (s.cost() <= 0) {
                continue;
            }
            String organization = s.payingOrganization();
            spent.merge(AllowancePort.keyPool(s.tokenId()), s.cost(), Math::addExact);
            spent.merge(
                    AllowancePort.walletPool(new OrganizationId(organization).walletOwner()), s.cost(), Math::addExact);
            spent.merge(
                    AllowancePort.budgetPool(organization, s.ownerId(), YearMonth.from(s.at().atZone(ZoneOffset.UTC))),
                    s.cost(),
                    Math::addExact);
        }
        return spent;
    }

    /**
     * Adds the batch's charges to {@code quota_spent}, which a start reads instead of every settlement: one statement,
     * rows in the order of their ids (as every batch locks them, so two nodes' batches never wait on each other in a
     * cycle).
     */
    private void addToSpent(TreeMap<String, Long> spent) {
        if (spent.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into quota_spent (account_id, spent)
                select v.account_id, v.amount from unnest(?::varchar[], ?::bigint[]) as v(account_id, amount)
                order by v.account_id
                on conflict (account_id) do update set spent = quota_spent.spent + excluded.spent""", spent.keySet().toArray(String[]::new), spent.values().toArray(Long[]::new));
    }

    /**
     * Adds the batch's charges to this node's allowances of the key, the member's budget and the wallet; pools this
     * node holds no allowance of are left alone (the update finds no row). Two statements per batch, rows in the order
     * of their ids.
     */
    private void countSpent(TreeMap<String, Long> spent) {
        if (node == null || spent.isEmpty()) {
            return;
        }
        String[] pools = spent.keySet().toArray(String[]::new);
        // rows locked in the order of their ids, as grants lock them: neither can wait on the other in a cycle
        jdbc.queryForList(
                "select pool_id from quota_allowance where pool_id = any (?) and node = ? order by pool_id "
                        + "for update",
                String.class,
                pools,
                node);
        jdbc.update("""
                update quota_allowance a set spent = a.spent + v.amount
                from unnest(?::varchar[], ?::bigint[]) as v(pool_id, amount)
                where a.pool_id = v.pool_id and a.node = ?""", pools, spent.values().toArray(Long[]::new), node);
    }

    @Override
    public int append(List<? extends RequestEvent> events) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("settlements must be appended outside an Axon unit of work");
        }
        List<RequestEvent> batch = firstOfEach(events);
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            store(batch);
            return batch.size();
        } catch (AggregateStreamCreationException | ConcurrencyException duplicate) {
            return appendOneByOne(batch);
        }
    }

    private int appendOneByOne(List<RequestEvent> batch) {
        Set<String> alreadyStored = storedKeys(batch);
        log.debug(
                "{} of a batch of {} request events were already stored; storing the others one by one",
                alreadyStored.size(),
                batch.size());
        int stored = 0;
        for (RequestEvent event : batch) {
            if (!alreadyStored.contains(key(event)) && appendUnlessStored(event)) {
                stored++;
            }
        }
        return stored;
    }

    /** False when another writer stored the event in the meantime. */
    private boolean appendUnlessStored(RequestEvent event) {
        try {
            store(List.of(event));
            return true;
        } catch (AggregateStreamCreationException | ConcurrencyException duplicate) {
            return false;
        }
    }

    private Set<String> storedKeys(List<RequestEvent> batch) {
        String[] ids = batch.stream().map(RequestEvent::requestId).distinct().toArray(String[]::new);
        return new HashSet<>(jdbc.queryForList("""
                select aggregate_identifier || '#' || sequence_number from request_event_entry
                where aggregate_identifier = any (?) and sequence_number <= 1""", String.class, (Object) ids));
    }

    private static String key(RequestEvent e) {
        return e.requestId() + "#" + e.sequence();
    }

    private static List<RequestEvent> firstOfEach(List<? extends RequestEvent> events) {
        Map<String, RequestEvent> byKey = new LinkedHashMap<>();
        events.forEach(e -> byKey.putIfAbsent(key(e), e));
        return List.copyOf(byKey.values());
    }

    private List<EventMessage<?>> messages(List<RequestEvent> batch) {
        MetaData metaData = node == null ? MetaData.emptyInstance() : MetaData.with(NODE, node);
        Instant now = GenericEventMessage.clock.instant();
        return batch.stream()
                .<EventMessage<?>>map(e -> new GenericDomainEventMessage<>(
                        STREAM_TYPE, e.requestId(), e.sequence(), e, metaData, identifier(), now))
                .toList();
    }

    /** Its node first (read back, this process's own events are known by it); a random id without a node. */
    private String identifier() {
        return node == null
                ? IdentifierFactory.getInstance().generateIdentifier()
                : ForeignRequestEvents.eventIdentifier(node, serials.incrementAndGet());
    }
}
