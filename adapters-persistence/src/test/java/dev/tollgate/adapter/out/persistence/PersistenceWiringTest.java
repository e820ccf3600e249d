package dev.tollgate.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.billing.SettlementJournalPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.channel.ChannelSecretPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.adapter.out.persistence.settings.SettingsPersistenceAdapter;
import dev.tollgate.application.account.port.out.SettingsPort;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.application.common.port.out.ChannelSecretPort;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

class PersistenceWiringTest extends SpringBootPersistenceTest {
    private final ApplicationContext context;

    @Autowired
    PersistenceWiringTest(ApplicationContext context) {
        this.context = context;
    }

    @Test
    void givenTheModuleInSpringBoot_whenTheContextStarts_thenEveryPortHasItsAdapterOnTheExternalDatabase() {
        // when
        ChannelSecretPort secrets = context.getBean(ChannelSecretPort.class);
        SettingsPort settings = context.getBean(SettingsPort.class);
        SettlementJournalPort journal = context.getBean(SettlementJournalPort.class);

        // then
        assertThat(secrets).isInstanceOf(ChannelSecretPersistenceAdapter.class);
        assertThat(settings).isInstanceOf(SettingsPersistenceAdapter.class);
        assertThat(journal).isInstanceOf(SettlementJournalPersistenceAdapter.class);
        assertThat(context.getBean(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
        assertThat(context.getBeanNamesForType(EmbeddedPostgresServer.class))
                .as("tollgate.db.url is set: no embedded server")
                .isEmpty();
    }

    @Test
    void givenTheContext_thenJdbcTransactionsArePrimaryAndJpaHasItsOwnForTheReadSide() {
        // then: the hot path's adapters get the plain JDBC transaction manager; JPA (the admin read side, ADR 12) has
        // its own, validating the schema Liquibase owns; Axon's storage stays on JDBC
        assertThat(context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                .isInstanceOf(org.springframework.jdbc.support.JdbcTransactionManager.class);
        assertThat(context.getBean(ReadSideJpaConfiguration.TRANSACTION_MANAGER))
                .isInstanceOf(org.springframework.orm.jpa.JpaTransactionManager.class);
        assertThat(context.getBean(jakarta.persistence.EntityManagerFactory.class)
                        .getProperties())
                .containsEntry("hibernate.hbm2ddl.auto", "validate");
        assertThat(context.getBean(jakarta.persistence.EntityManagerFactory.class)
                        .getMetamodel()
                        .getEntities())
                .extracting(jakarta.persistence.metamodel.EntityType::getName)
                .containsExactlyInAnyOrder(
                        "AuditEntryEntity",
                        "UserAccountEntity",
                        "OrganizationListingEntity",
                        "OrganizationMembershipEntity",
                        "RedemptionBatchListingEntity",
                        "RedemptionCodeListingEntity",
                        "PriceListingEntity",
                        "ChannelListingEntity",
                        "TokenListingEntity");
    }

    @Test
    void givenTheWiredAdapters_whenUsedTogether_thenTheyReadBackWhatTheyWrote() {
        // given
        String channel = UUID.randomUUID().toString();
        String request = "req-" + UUID.randomUUID();
        String setting = "wiring-" + UUID.randomUUID();

        // when
        context.getBean(ChannelSecretPort.class).store(channel, List.of("sk-wired"));
        int stored = context.getBean(SettlementJournalPort.class)
                .append(List.of(new RequestSettledEvent(
                        request,
                        "token-1",
                        "user-1",
                        "gpt-4o-mini",
                        "gpt-4o-mini",
                        channel,
                        1,
                        2,
                        3,
                        4,
                        200,
                        "succeeded",
                        true,
                        Instant.parse("2026-01-01T00:00:00Z"))));
        String value = context.getBean(SettingsPort.class).findOrCreate(setting, () -> "first");

        // then
        assertThat(context.getBean(ChannelSecretPort.class).load(channel)).containsExactly("sk-wired");
        assertThat(stored).isEqualTo(1);
        assertThat(context.getBean(JdbcTemplate.class)
                        .queryForObject("select count(*) from usage_record where request_id = ?", Long.class, request))
                .as("the usage row is written with the settlement, under Boot's JDBC transaction manager")
                .isEqualTo(1);
        assertThat(context.getBean(SettingsPort.class).find(setting)).contains(value);
    }
}
