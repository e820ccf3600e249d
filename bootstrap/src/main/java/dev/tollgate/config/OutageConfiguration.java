package dev.tollgate.config;

import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.ReservationRecovery;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A node during a database outage (issue 20): its health, and the limit of its unsettled spending. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutageProperties.class)
public class OutageConfiguration {
    @Bean("billingStore")
    BillingStoreHealth billingStoreHealth(
            BillingJournal journal, ReservationRecovery recovery, OutageProperties outage) {
        return new BillingStoreHealth(journal, recovery, outage.healthGrace());
    }
}
