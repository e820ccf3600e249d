package dev.tollgate.adapter.out.persistence;

import dev.tollgate.adapter.out.persistence.account.UserAccountProjection;
import dev.tollgate.adapter.out.persistence.account.UserAccountRepository;
import dev.tollgate.adapter.out.persistence.account.UserAccountsPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.audit.AuditEntryRepository;
import dev.tollgate.adapter.out.persistence.audit.AuditLogPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.audit.AuditLogProjection;
import dev.tollgate.adapter.out.persistence.billing.SettlementJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.channel.ChannelSecretPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.adapter.out.persistence.settings.SettingsPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** The persistence adapters as beans implementing the application's ports. */
@Configuration(proxyBeanMethods = false)
public class PersistenceAdaptersConfiguration {

    @Bean
    public SecretKeyring secretKeyring(@Value("${tollgate.secret-key:}") String configuredKey,
            @Value("${tollgate.data-dir:./data}") String dataDir) {
        return SecretKeyring.fromConfiguredOrFile(configuredKey, Path.of(dataDir));
    }

    @Bean
    public ChannelSecretPersistenceAdapter channelSecretPersistenceAdapter(JdbcTemplate jdbc, SecretKeyring keyring) {
        return new ChannelSecretPersistenceAdapter(jdbc, keyring);
    }

    @Bean
    public SettingsPersistenceAdapter settingsPersistenceAdapter(JdbcTemplate jdbc) {
        return new SettingsPersistenceAdapter(jdbc);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.billing.RedemptionJournalPersistenceAdapter
            redemptionJournalPersistenceAdapter(EventStore eventStore) {
        return new dev.tollgate.adapter.out.persistence.billing.RedemptionJournalPersistenceAdapter(eventStore);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.idempotency.IdempotencyPersistenceAdapter
            idempotencyPersistenceAdapter(JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.idempotency.IdempotencyPersistenceAdapter(jdbc);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.ledger.LedgerProjection ledgerProjection(JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.ledger.LedgerProjection(jdbc);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.ledger.LedgerPersistenceAdapter ledgerPersistenceAdapter(
            JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.ledger.LedgerPersistenceAdapter(jdbc);
    }

    @Bean
    public AuditLogProjection auditLogProjection(EntityManagerFactory entityManagerFactory,
            AuditEntryRepository entries) {
        return new AuditLogProjection(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
                entries);
    }

    @Bean
    public AuditLogPersistenceAdapter auditLogPersistenceAdapter(AuditEntryRepository entries) {
        return new AuditLogPersistenceAdapter(entries);
    }

    @Bean
    public UserAccountProjection userAccountProjection(EntityManagerFactory entityManagerFactory) {
        return new UserAccountProjection(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
    }

    @Bean
    public UserAccountsPersistenceAdapter userAccountsPersistenceAdapter(UserAccountRepository users) {
        return new UserAccountsPersistenceAdapter(users);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.account.OneTimeCodePersistenceAdapter oneTimeCodePersistenceAdapter(
            JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.account.OneTimeCodePersistenceAdapter(jdbc);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.account.AuthorizationRequestPersistenceAdapter
            authorizationRequestPersistenceAdapter(JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.account.AuthorizationRequestPersistenceAdapter(jdbc);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.account.ExternalIdentityProjection externalIdentityProjection(
            JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.account.ExternalIdentityProjection(jdbc);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.token.KeyUsagePersistenceAdapter keyUsagePersistenceAdapter(
            JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.token.KeyUsagePersistenceAdapter(jdbc);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.ratelimit.RateLimitBucketsPersistenceAdapter
            rateLimitBucketsPersistenceAdapter(javax.sql.DataSource dataSource) {
        return new dev.tollgate.adapter.out.persistence.ratelimit.RateLimitBucketsPersistenceAdapter(dataSource);
    }

    @Bean
    public UsageRecordWriter usageRecordWriter(JdbcTemplate jdbc) {
        return new UsageRecordWriter(jdbc);
    }

    @Bean
    public UsageRecordPersistenceAdapter usageRecordPersistenceAdapter(JdbcTemplate jdbc) {
        return new UsageRecordPersistenceAdapter(jdbc);
    }

    @Bean
    public SettlementJournalPersistenceAdapter settlementJournalPersistenceAdapter(
            dev.tollgate.adapter.out.persistence.axon.RequestEventStore requests, JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager transactions,
            UsageRecordWriter usage,
            org.springframework.beans.factory.ObjectProvider<dev.tollgate.application.billing.port.out.BillingNode> node) {
        dev.tollgate.application.billing.port.out.BillingNode self = node.getIfAvailable();
        return new SettlementJournalPersistenceAdapter(requests.store(), jdbc, transactions, usage,
                self == null ? null : self.id());
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.billing.QuotaSnapshotPersistenceAdapter quotaSnapshotPersistenceAdapter(
            JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager transactions) {
        return new dev.tollgate.adapter.out.persistence.billing.QuotaSnapshotPersistenceAdapter(jdbc, transactions);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.billing.AllowancePersistenceAdapter allowancePersistenceAdapter(
            JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager transactions) {
        return new dev.tollgate.adapter.out.persistence.billing.AllowancePersistenceAdapter(jdbc, transactions);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.billing.OpenReservationPersistenceAdapter
            openReservationPersistenceAdapter(JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.billing.OpenReservationPersistenceAdapter(jdbc);
    }

    @Bean
    public dev.tollgate.adapter.out.persistence.account.EmailCodePersistenceAdapter emailCodePersistenceAdapter(
            JdbcTemplate jdbc) {
        return new dev.tollgate.adapter.out.persistence.account.EmailCodePersistenceAdapter(jdbc);
    }
}
