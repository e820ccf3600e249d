package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.channel.SecretKeyring;
import dev.tollgate.adapter.out.persistence.notification.NotificationSettingsPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.notification.WebhookPersistenceAdapter;
import dev.tollgate.adapter.out.webhook.SignedWebhookSender;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.billing.port.in.MeteringUseCase;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.common.port.out.MailPort;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort;
import dev.tollgate.application.notification.port.out.WebhookDeliveryPort;
import dev.tollgate.application.notification.port.out.WebhookPort;
import dev.tollgate.application.notification.service.BalanceWatch;
import dev.tollgate.application.notification.service.ChannelStatusNotifier;
import dev.tollgate.application.notification.service.NotificationDispatcher;
import dev.tollgate.application.notification.service.NotificationRecipients;
import dev.tollgate.application.notification.service.NotificationSettingsService;
import dev.tollgate.application.notification.service.WatchedBalances;
import dev.tollgate.application.notification.service.WebhookService;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.token.port.in.TokenAccess;
import dev.tollgate.application.token.port.in.TokenDirectory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notifications: balance thresholds on users, organisations and keys (checked periodically, off the relay's threads),
 * channel status changes (an event processor of their own), and their delivery by mail and signed webhook with bounded
 * retries on one thread of their own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationConfiguration {
    @Bean
    NotificationSettingsPort notificationSettingsPort(JdbcTemplate jdbc) {
        return new NotificationSettingsPersistenceAdapter(jdbc);
    }

    @Bean
    WebhookPort webhookPort(JdbcTemplate jdbc, SecretKeyring keyring) {
        return new WebhookPersistenceAdapter(jdbc, keyring);
    }

    @Bean
    WebhookDeliveryPort webhookDelivery(NotificationProperties properties) {
        return new SignedWebhookSender(properties.webhookHostsAllowed(), properties.webhookTimeout());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService notificationExecutor() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("notifications").daemon(true).factory());
    }

    @Bean
    NotificationRecipients notificationRecipients(
            UserDirectory users,
            OrganizationDirectory organizations,
            NotificationSettingsPort settings,
            NotificationProperties properties) {
        return new NotificationRecipients(users, organizations, settings, properties.defaultLanguage());
    }

    @Bean
    NotificationDispatcher notificationDispatcher(
            MailPort mail,
            WebhookPort webhooks,
            WebhookDeliveryPort delivery,
            ScheduledExecutorService notificationExecutor,
            NotificationProperties properties) {
        return new NotificationDispatcher(mail, webhooks, delivery, notificationExecutor, properties.dispatch());
    }

    @Bean
    NotificationSettingsService notificationSettingsService(
            NotificationSettingsPort settings,
            UserDirectory users,
            OrganizationDirectory organizations,
            TokenDirectory tokens) {
        return new NotificationSettingsService(
                settings, users, new OrganizationAccess(organizations), new TokenAccess(tokens, organizations));
    }

    @Bean
    WebhookService webhookService(
            WebhookPort webhooks,
            WebhookDeliveryPort delivery,
            OrganizationDirectory organizations,
            IdGeneratorPort ids,
            ClockPort clock) {
        return new WebhookService(webhooks, delivery, new OrganizationAccess(organizations), ids, clock);
    }

    @Bean
    BalanceWatch balanceWatch(
            NotificationSettingsPort settings,
            WalletUseCase wallets,
            TokenDirectory tokens,
            MeteringUseCase metering,
            OrganizationDirectory organizations,
            NotificationRecipients recipients,
            NotificationDispatcher dispatcher,
            IdGeneratorPort ids,
            ClockPort clock) {
        WatchedBalances balances = new WatchedBalances(wallets, tokens, metering, organizations, recipients);
        return new BalanceWatch(settings, balances, dispatcher, ids, clock);
    }

    @Bean
    BalanceWatchJob balanceWatchJob(BalanceWatch watch, NotificationProperties properties) {
        return new BalanceWatchJob(watch, properties.balanceCheckInterval());
    }

    @Bean
    ChannelStatusNotifier channelStatusNotifier(
            ChannelDirectory channels,
            NotificationRecipients recipients,
            NotificationDispatcher dispatcher,
            IdGeneratorPort ids) {
        return new ChannelStatusNotifier(channels, recipients, dispatcher, ids);
    }

    /**
     * Processor {@value ChannelStatusNotifier#PROCESSING_GROUP}: tracking, one thread, batches of 10, its position in
     * {@code token_entry}, starting at the head of the log (a new installation or upgrade does not tell the past), so
     * exactly one node tells each channel status change. A failing handler is logged and skipped (no mail is sent twice).
     */
    @Bean
    ConfigurerModule channelStatusNotificationsProcessorModule() {
        return configurer -> configurer
                .eventProcessing()
                .assignHandlerTypesMatching(
                        ChannelStatusNotifier.PROCESSING_GROUP, type -> type == ChannelStatusNotifier.class)
                .registerTrackingEventProcessor(
                        ChannelStatusNotifier.PROCESSING_GROUP,
                        c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(10)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }

    /** Compares every watched balance with its threshold, every {@code balance-check-interval}. */
    static final class BalanceWatchJob extends PeriodicJobs {
        private final BalanceWatch watch;
        private final Duration interval;

        BalanceWatchJob(BalanceWatch watch, Duration interval) {
            super("balance-watch");
            this.watch = watch;
            this.interval = interval;
        }

        @Override
        protected void schedule() {
            every(interval, interval, "balance watch", watch::checkAll);
        }
    }
}
