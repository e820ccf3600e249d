package dev.tollgate.adapter.out.persistence;

import dev.tollgate.adapter.out.persistence.account.AuthorizationRequestPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.account.EmailCodePersistenceAdapter;
import dev.tollgate.adapter.out.persistence.account.ExternalIdentityProjection;
import dev.tollgate.adapter.out.persistence.account.OneTimeCodePersistenceAdapter;
import dev.tollgate.adapter.out.persistence.account.UserAccountProjection;
import dev.tollgate.adapter.out.persistence.account.UserAccountRepository;
import dev.tollgate.adapter.out.persistence.account.UserAccountsPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.audit.AuditEntryRepository;
import dev.tollgate.adapter.out.persistence.audit.AuditEntryWriter;
import dev.tollgate.adapter.out.persistence.audit.AuditLogPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.audit.AuditLogProjection;
import dev.tollgate.adapter.out.persistence.audit.BillingAuditProjection;
import dev.tollgate.adapter.out.persistence.audit.KeyAndChannelAuditProjection;
import dev.tollgate.adapter.out.persistence.audit.OrganizationAuditProjection;
import dev.tollgate.adapter.out.persistence.axon.RequestEventStore;
import dev.tollgate.adapter.out.persistence.billing.AllowancePersistenceAdapter;
import dev.tollgate.adapter.out.persistence.billing.OpenReservationPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.billing.QuotaSnapshotPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.billing.RedemptionJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.billing.SettlementJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.channel.ChannelSecretPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.adapter.out.persistence.idempotency.IdempotencyPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.ledger.LedgerPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.ledger.LedgerProjection;
import dev.tollgate.adapter.out.persistence.ratelimit.RateLimitBucketsPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.settings.SecretSettingsPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.settings.SettingsPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.token.KeyUsagePersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.usage.UsageRecordWriter;
import dev.tollgate.application.billing.port.out.BillingNode;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;

/** The persistence adapters as beans implementing the application's ports. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
public class PersistenceAdaptersConfiguration {

    @Bean
    public SecretKeyring secretKeyring(StorageProperties storage) {
        return SecretKeyring.fromConfiguredOrFile(storage.secretKey(), storage.secretKeyPrevious(), storage.dataDir());
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
    public SecretSettingsPersistenceAdapter secretSettingsPersistenceAdapter(JdbcTemplate jdbc, SecretKeyring keyring) {
        return new SecretSettingsPersistenceAdapter(jdbc, keyring);
    }

    @Bean
    public RedemptionJournalPersistenceAdapter redemptionJournalPersistenceAdapter(EventStore eventStore) {
        return new RedemptionJournalPersistenceAdapter(eventStore);
    }

    @Bean
    public IdempotencyPersistenceAdapter idempotencyPersistenceAdapter(JdbcTemplate jdbc) {
        return new IdempotencyPersistenceAdapter(jdbc);
    }

    @Bean
    public LedgerProjection ledgerProjection(JdbcTemplate jdbc) {
        return new LedgerProjection(jdbc);
    }

    @Bean
    public LedgerPersistenceAdapter ledgerPersistenceAdapter(JdbcTemplate jdbc) {
        return new LedgerPersistenceAdapter(jdbc);
    }

    @Bean
    public AuditEntryWriter auditEntryWriter(EntityManagerFactory entityManagerFactory, AuditEntryRepository entries) {
        return new AuditEntryWriter(
                SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory), entries);
    }

    @Bean
    public AuditLogProjection auditLogProjection(AuditEntryWriter audit) {
        return new AuditLogProjection(audit);
    }

    @Bean
    public KeyAndChannelAuditProjection keyAndChannelAuditProjection(AuditEntryWriter audit) {
        return new KeyAndChannelAuditProjection(audit);
    }

    @Bean
    public BillingAuditProjection billingAuditProjection(AuditEntryWriter audit) {
        return new BillingAuditProjection(audit);
    }

    @Bean
    public OrganizationAuditProjection organizationAuditProjection(AuditEntryWriter audit) {
        return new OrganizationAuditProjection(audit);
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
    public OneTimeCodePersistenceAdapter oneTimeCodePersistenceAdapter(JdbcTemplate jdbc) {
        return new OneTimeCodePersistenceAdapter(jdbc);
    }

    @Bean
    public AuthorizationRequestPersistenceAdapter authorizationRequestPersistenceAdapter(JdbcTemplate jdbc) {
        return new AuthorizationRequestPersistenceAdapter(jdbc);
    }

    @Bean
    public ExternalIdentityProjection externalIdentityProjection(JdbcTemplate jdbc) {
        return new ExternalIdentityProjection(jdbc);
    }

    @Bean
    public KeyUsagePersistenceAdapter keyUsagePersistenceAdapter(JdbcTemplate jdbc) {
        return new KeyUsagePersistenceAdapter(jdbc);
    }

    @Bean
    public RateLimitBucketsPersistenceAdapter rateLimitBucketsPersistenceAdapter(DataSource dataSource) {
        return new RateLimitBucketsPersistenceAdapter(dataSource);
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
            RequestEventStore requests,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            UsageRecordWriter usage,
            ObjectProvider<BillingNode> node) {
        BillingNode self = node.getIfAvailable();
        return new SettlementJournalPersistenceAdapter(
                requests.appender(), jdbc, transactions, usage, self == null ? null : self.id());
    }

    @Bean
    public QuotaSnapshotPersistenceAdapter quotaSnapshotPersistenceAdapter(
            JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new QuotaSnapshotPersistenceAdapter(jdbc, transactions);
    }

    @Bean
    public AllowancePersistenceAdapter allowancePersistenceAdapter(
            JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AllowancePersistenceAdapter(jdbc, transactions);
    }

    @Bean
    public OpenReservationPersistenceAdapter openReservationPersistenceAdapter(JdbcTemplate jdbc) {
        return new OpenReservationPersistenceAdapter(jdbc);
    }

    @Bean
    public EmailCodePersistenceAdapter emailCodePersistenceAdapter(JdbcTemplate jdbc) {
        return new EmailCodePersistenceAdapter(jdbc);
    }
}
