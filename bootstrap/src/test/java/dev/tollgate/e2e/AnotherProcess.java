package dev.tollgate.e2e;

import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.adapter.out.persistence.billing.SettlementJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The settlement store as another Tollgate process on the same database writes it (its own process id in the
 * events' metadata): what it stores reaches the application under test the way another node's settlements do,
 * through the request events. The application's own {@link SettlementJournalPort} bean writes as the application
 * itself, whose memory never reads its own settlements back.
 */
final class AnotherProcess {
    private AnotherProcess() {}

    static SettlementJournalPort journal(ApplicationContext app) {
        return new SettlementJournalPersistenceAdapter(
                app.getBean(RequestEventStore.class).store(),
                app.getBean(JdbcTemplate.class),
                app.getBean(PlatformTransactionManager.class),
                app.getBean(UsageRecordWriter.class),
                "another-process-" + UUID.randomUUID());
    }
}
