package dev.tollgate.config;

import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.balance.UpstreamBalanceClient;
import dev.tollgate.adapter.out.provider.ProviderAdapters;
import dev.tollgate.adapter.out.provider.tokenizer.JtokkitTokenCounter;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.account.port.out.SettingsPort;
import dev.tollgate.application.account.query.UserDirectory;
import dev.tollgate.application.account.service.LoginService;
import dev.tollgate.application.account.service.UserService;
import dev.tollgate.application.billing.port.out.RedemptionJournalPort;
import dev.tollgate.application.billing.query.RedemptionDirectory;
import dev.tollgate.application.billing.service.RedemptionService;
import dev.tollgate.application.billing.service.WalletService;
import dev.tollgate.application.account.service.RootAccountService;
import dev.tollgate.application.account.service.SigningKeyService;
import dev.tollgate.application.billing.port.out.SettlementJournalPort;
import dev.tollgate.application.billing.query.PriceBook;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.application.billing.service.PriceService;
import dev.tollgate.application.billing.port.out.UsageRecordPort;
import dev.tollgate.application.billing.service.QuotaLedger;
import dev.tollgate.application.billing.service.UsageService;
import dev.tollgate.application.channel.port.out.ChannelSecretPort;
import dev.tollgate.application.channel.query.ChannelDirectory;
import dev.tollgate.application.channel.port.out.UpstreamBalancePort;
import dev.tollgate.application.channel.service.ChannelBalanceService;
import dev.tollgate.application.channel.service.ChannelHealthService;
import dev.tollgate.application.channel.service.ChannelService;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.relay.port.out.ChatUpstreamPort;
import dev.tollgate.application.relay.port.out.RelayMetricsPort;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import dev.tollgate.application.relay.service.RelayService;
import dev.tollgate.application.relay.service.RelaySettings;
import dev.tollgate.application.relay.port.out.RateLimitPort;
import dev.tollgate.application.relay.service.RateLimiter;
import dev.tollgate.application.token.port.out.KeyUsagePort;
import dev.tollgate.application.token.query.TokenDirectory;
import dev.tollgate.application.token.query.UserRateLimits;
import dev.tollgate.application.token.service.LastUsedTracker;
import dev.tollgate.application.token.service.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Creates the application services and in-memory views (plain classes: the application knows no Spring). */
@Configuration(proxyBeanMethods = false)
public class ApplicationConfiguration {

    @Bean
    ClockPort clockPort() {
        return Instant::now;
    }

    @Bean
    IdGeneratorPort idGeneratorPort() {
        return () -> UUID.randomUUID().toString().replace("-", "");
    }

    @Bean
    ViewFreshness viewFreshness() {
        return new ViewFreshness();
    }

    @Bean
    UserDirectory userDirectory(ViewFreshness freshness) {
        return new UserDirectory(freshness);
    }

    @Bean
    TokenDirectory tokenDirectory(ViewFreshness freshness) {
        return new TokenDirectory(freshness);
    }

    @Bean
    ChannelDirectory channelDirectory(ChannelSecretPort secrets, ViewFreshness freshness) {
        return new ChannelDirectory(secrets, freshness);
    }

    @Bean
    PriceBook priceBook(ViewFreshness freshness) {
        return new PriceBook(freshness);
    }

    @Bean
    QuotaLedger quotaLedger(ViewFreshness freshness) {
        return new QuotaLedger(freshness);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    BillingJournal billingJournal(SettlementJournalPort store,
            @Value("${tollgate.billing.flush-interval:PT0.02S}") Duration flushInterval,
            @Value("${tollgate.billing.max-batch:2000}") int maxBatch) {
        return new BillingJournal(store, flushInterval, maxBatch);
    }

    @Bean
    dev.tollgate.application.common.service.IdempotencyService idempotencyService(
            dev.tollgate.application.common.port.out.IdempotencyPort records) {
        return new dev.tollgate.application.common.service.IdempotencyService(records);
    }

    @Bean
    dev.tollgate.application.billing.service.LedgerService ledgerService(
            dev.tollgate.application.billing.port.out.LedgerPort ledger, UserDirectory users) {
        return new dev.tollgate.application.billing.service.LedgerService(ledger, users);
    }

    @Bean
    dev.tollgate.application.billing.query.IncentiveSettings incentiveSettings(ViewFreshness freshness) {
        return new dev.tollgate.application.billing.query.IncentiveSettings(freshness);
    }

    @Bean
    dev.tollgate.application.billing.service.IncentiveService incentiveService(
            dev.tollgate.application.billing.query.IncentiveSettings settings,
            dev.tollgate.application.billing.port.out.CheckInJournalPort journal, WalletService wallets,
            CommandGateway commands, ClockPort clock, ViewFreshness freshness) {
        return new dev.tollgate.application.billing.service.IncentiveService(settings, journal, wallets, commands,
                clock, freshness);
    }

    @Bean
    dev.tollgate.application.billing.service.ReconciliationService reconciliationService(QuotaLedger memory,
            dev.tollgate.application.billing.port.out.LedgerPort stored, BillingJournal journal, ClockPort clock) {
        return new dev.tollgate.application.billing.service.ReconciliationService(memory, stored, journal, clock);
    }

    @Bean
    RedemptionDirectory redemptionDirectory() {
        return new RedemptionDirectory();
    }

    @Bean
    RedemptionService redemptionService(RedemptionDirectory directory, RedemptionJournalPort journal,
            WalletService wallets, CommandGateway commands, ClockPort clock, IdGeneratorPort ids,
            ViewFreshness freshness) {
        return new RedemptionService(directory, journal, wallets, commands, clock, ids, freshness);
    }

    @Bean
    WalletService walletService(QuotaLedger ledger, UserDirectory users, CommandGateway commands, ClockPort clock,
            IdGeneratorPort ids, ViewFreshness freshness) {
        return new WalletService(ledger, users, commands, clock, ids, freshness);
    }

    @Bean
    UserService userService(UserDirectory users, PasswordHasherPort hasher, CommandGateway commands, ClockPort clock,
            IdGeneratorPort ids, ViewFreshness freshness,
            dev.tollgate.application.billing.query.IncentiveSettings incentives) {
        return new UserService(users, hasher, commands, clock, ids, freshness, incentives);
    }

    @Bean
    LoginService loginService(UserDirectory users, PasswordHasherPort hasher, ClockPort clock) {
        return new LoginService(users, hasher, clock);
    }

    @Bean
    SigningKeyService signingKeyService(SettingsPort settings) {
        return new SigningKeyService(settings);
    }

    @Bean
    RootAccountService rootAccountService(UserDirectory users, PasswordHasherPort hasher, CommandGateway commands,
            ClockPort clock, ViewFreshness freshness) {
        return new RootAccountService(users, hasher, commands, clock, freshness);
    }

    @Bean
    TokenService tokenService(CommandGateway commands, TokenDirectory tokens, QuotaLedger ledger, ClockPort clock,
            IdGeneratorPort ids, ViewFreshness freshness, LastUsedTracker lastUsed, UserRateLimits userLimits) {
        return new TokenService(commands, tokens, ledger, clock, ids, freshness, lastUsed, userLimits);
    }

    @Bean
    UserRateLimits userRateLimits(ViewFreshness freshness) {
        return new UserRateLimits(freshness);
    }

    @Bean
    LastUsedTracker lastUsedTracker(KeyUsagePort store) {
        return new LastUsedTracker(store);
    }

    /** One background thread sending the rate-limit corrections (settlement, refusals) off the request thread. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService rateLimitCorrections() {
        return Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("rate-limit-corrections")
                .factory());
    }

    @Bean
    RateLimiter rateLimiter(RateLimitPort buckets, UserRateLimits userLimits, UserDirectory users,
            ExecutorService rateLimitCorrections) {
        return new RateLimiter(buckets, userLimits, users, rateLimitCorrections);
    }

    @Bean
    ChannelService channelService(CommandGateway commands, ChannelDirectory channels, ChannelSecretPort secrets,
            ClockPort clock, IdGeneratorPort ids, ViewFreshness freshness) {
        return new ChannelService(commands, channels, secrets, clock, ids, freshness);
    }

    @Bean
    PriceService priceService(CommandGateway commands, PriceBook book, ClockPort clock, ViewFreshness freshness) {
        return new PriceService(commands, book, clock, freshness);
    }

    @Bean
    UsageService usageService(UsageRecordPort records) {
        return new UsageService(records);
    }

    @Bean
    ChatUpstreamPort chatUpstreamPort(
            @Value("${tollgate.upstream.connect-timeout:PT5S}") Duration connectTimeout,
            @Value("${tollgate.upstream.stream-idle-timeout:PT120S}") Duration idleTimeout) {
        return ProviderAdapters.create(new ProviderHttpSettings(connectTimeout, idleTimeout, 65_536));
    }

    @Bean
    UpstreamBalancePort upstreamBalancePort(@Value("${tollgate.upstream.connect-timeout:PT5S}") Duration connectTimeout,
            @Value("${tollgate.relay.balance-timeout:PT15S}") Duration timeout) {
        return new UpstreamBalanceClient(java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build(), timeout);
    }

    @Bean
    ChannelBalanceService channelBalanceService(ChannelDirectory channels, UpstreamBalancePort provider,
            ClockPort clock) {
        return new ChannelBalanceService(channels, provider, clock);
    }

    @Bean
    TokenCounterPort tokenCounterPort() {
        return new JtokkitTokenCounter();
    }

    @Bean
    RelaySettings relaySettings(@Value("${tollgate.relay.max-retries:2}") int maxRetries,
            @Value("${tollgate.relay.default-max-tokens:4096}") long defaultMaxTokens,
            @Value("${tollgate.upstream.first-byte-timeout:PT60S}") Duration firstByteTimeout,
            @Value("${tollgate.relay.breaker.failure-threshold:5}") int breakerThreshold,
            @Value("${tollgate.relay.breaker.open-duration:PT30S}") Duration breakerOpen,
            @Value("${tollgate.relay.breaker.rejected-key-pause:PT10M}") Duration rejectedKeyPause) {
        return new RelaySettings(maxRetries, defaultMaxTokens, firstByteTimeout, breakerThreshold, breakerOpen,
                rejectedKeyPause);
    }

    @Bean
    RelayService relayService(TokenDirectory tokens, ChannelDirectory channels, PriceBook prices, QuotaLedger ledger,
            BillingJournal journal, ChatUpstreamPort upstream, TokenCounterPort tokenCounter,
            RelayMetricsPort metrics, ChannelHealthService health, ClockPort clock, IdGeneratorPort ids,
            RelaySettings settings, UserDirectory users, RateLimiter rateLimiter, LastUsedTracker lastUsed) {
        return new RelayService(tokens, channels, prices, ledger, journal, upstream, tokenCounter, metrics, health,
                clock, ids, settings, users, rateLimiter, lastUsed);
    }

    @Bean
    ChannelHealthService channelHealthService(CommandGateway commands, ChannelDirectory channels,
            ChatUpstreamPort upstream, ClockPort clock,
            @Value("${tollgate.relay.probe-timeout:PT20S}") Duration probeTimeout, ViewFreshness freshness) {
        return new ChannelHealthService(commands, channels, upstream, clock, probeTimeout, freshness);
    }
}
