package dev.tollgate.config;

import dev.tollgate.application.account.service.RoleOrder;
import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.adapter.out.provider.balance.UpstreamBalanceClient;
import dev.tollgate.adapter.out.provider.ProviderAdapters;
import dev.tollgate.adapter.out.provider.fetch.PrivateChannelAddressGuard;
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
import dev.tollgate.application.channel.service.ChannelAccess;
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
import dev.tollgate.application.organization.query.OrganizationDirectory;
import dev.tollgate.application.relay.service.RateLimiter;
import dev.tollgate.application.token.port.out.KeyUsagePort;
import dev.tollgate.application.token.query.TokenDirectory;
import dev.tollgate.application.token.query.UserRateLimits;
import dev.tollgate.application.token.service.LastUsedTracker;
import dev.tollgate.application.token.service.TokenService;
import dev.tollgate.application.account.query.InviteCodes;
import dev.tollgate.application.account.query.InviteDirectory;
import dev.tollgate.application.billing.port.out.InviteJournalPort;
import dev.tollgate.application.billing.service.InviteService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
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
    dev.tollgate.application.account.query.AccessTokenDirectory accessTokenDirectory(ViewFreshness freshness) {
        return new dev.tollgate.application.account.query.AccessTokenDirectory(freshness);
    }

    @Bean
    dev.tollgate.application.account.service.AccessTokenService accessTokenService(CommandGateway commands,
            dev.tollgate.application.account.query.AccessTokenDirectory tokens, UserDirectory users, ClockPort clock,
            IdGeneratorPort ids, ViewFreshness freshness) {
        return new dev.tollgate.application.account.service.AccessTokenService(commands, tokens, users, clock, ids,
                freshness);
    }

    @Bean
    dev.tollgate.adapter.out.mail.SmtpMailAdapter mailAdapter(
            @Value("${tollgate.mail.host:}") String host, @Value("${tollgate.mail.port:587}") int port,
            @Value("${tollgate.mail.username:}") String username, @Value("${tollgate.mail.password:}") String password,
            @Value("${tollgate.mail.from:tollgate@localhost}") String from,
            @Value("${tollgate.mail.starttls:true}") boolean startTls,
            @Value("${tollgate.mail.timeout:PT10S}") Duration timeout) {
        return new dev.tollgate.adapter.out.mail.SmtpMailAdapter(new dev.tollgate.adapter.out.mail.SmtpMailAdapter
                .Settings(host, port, username, password, from, startTls, timeout));
    }

    @Bean
    dev.tollgate.application.account.service.EmailService emailService(UserDirectory users,
            CommandGateway commands, dev.tollgate.application.account.port.out.MailPort mail,
            dev.tollgate.application.account.port.out.EmailCodePort codes,
            dev.tollgate.application.account.port.out.PasswordHasherPort hasher, ClockPort clock,
            ViewFreshness freshness) {
        return new dev.tollgate.application.account.service.EmailService(users, commands, mail, codes, hasher, clock,
                freshness);
    }

    @Bean
    dev.tollgate.application.organization.query.OrganizationDirectory organizationDirectory(
            ViewFreshness freshness) {
        return new dev.tollgate.application.organization.query.OrganizationDirectory(freshness);
    }

    @Bean
    dev.tollgate.application.organization.service.OrganizationService organizationService(CommandGateway commands,
            dev.tollgate.application.organization.query.OrganizationDirectory organizations, UserDirectory users,
            ClockPort clock, IdGeneratorPort ids, ViewFreshness freshness, QuotaLedger ledger,
            dev.tollgate.application.account.port.out.MailPort mail) {
        return new dev.tollgate.application.organization.service.OrganizationService(commands, organizations, users,
                clock, ids, freshness, ledger, mail);
    }

    @Bean(destroyMethod = "close")
    dev.tollgate.application.organization.service.PersonalOrganizations personalOrganizations(
            CommandGateway commands, dev.tollgate.application.organization.query.OrganizationDirectory organizations,
            UserDirectory users, ClockPort clock) {
        return new dev.tollgate.application.organization.service.PersonalOrganizations(commands, organizations,
                users, clock);
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
    dev.tollgate.application.billing.port.out.BillingNode billingNode() {
        return dev.tollgate.application.billing.port.out.BillingNode.random();
    }

    /**
     * With {@code tollgate.billing.node-allowances} (default on), every limited reservation also needs this process's
     * allowance, granted from the database in chunks, so that several processes never overspend together (G1); off,
     * the process checks only what it knows from the events (right for a single process).
     */
    @Bean
    QuotaLedger quotaLedger(ViewFreshness freshness, dev.tollgate.application.billing.port.out.BillingNode node,
            dev.tollgate.application.billing.port.out.AllowancePort allowances,
            @Value("${tollgate.billing.node-allowances:true}") boolean nodeAllowances,
            @Value("${tollgate.billing.allowance-wait:PT1.5S}") Duration allowanceWait) {
        return nodeAllowances
                ? new QuotaLedger(freshness, java.time.Clock.systemUTC(), allowances, node.id(), allowanceWait)
                : new QuotaLedger(freshness);
    }

    /** Other processes' reservations and settlements, followed from the request events (see AxonConfiguration). */
    @Bean
    dev.tollgate.application.billing.service.ForeignRequestEvents foreignRequestEvents(QuotaLedger ledger,
            dev.tollgate.application.billing.port.out.BillingNode node) {
        return new dev.tollgate.application.billing.service.ForeignRequestEvents(ledger, node.id());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    BillingJournal billingJournal(SettlementJournalPort store,
            @Value("${tollgate.billing.flush-interval:PT0.02S}") Duration flushInterval,
            @Value("${tollgate.billing.max-batch:2000}") int maxBatch,
            @Value("${tollgate.billing.durability:async}") String durability,
            @Value("${tollgate.billing.sync-timeout:PT5S}") Duration syncTimeout,
            @Value("${tollgate.billing.max-pending:1000}") int maxPending,
            dev.tollgate.application.billing.port.out.BillingNode node) {
        BillingJournal.Durability mode;
        try {
            mode = BillingJournal.Durability.valueOf(durability.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tollgate.billing.durability must be 'async' or 'sync', not '"
                    + durability + "'");
        }
        return new BillingJournal(store, flushInterval, maxBatch, mode, syncTimeout, node.id(), maxPending);
    }

    @Bean
    dev.tollgate.application.billing.service.ReservationRecovery reservationRecovery(
            dev.tollgate.application.billing.port.out.OpenReservationPort open, BillingJournal journal,
            ClockPort clock, QuotaLedger ledger, @Value("${tollgate.billing.node-silence:PT60S}") Duration silence,
            dev.tollgate.application.billing.port.out.AllowancePort allowances,
            @Value("${tollgate.billing.heartbeat-interval:PT10S}") Duration heartbeat) {
        if (silence.compareTo(heartbeat.multipliedBy(2)) < 0) {
            // a live process would be taken for dead: its reservations released, its allowances ended (G1, G7)
            throw new IllegalArgumentException("tollgate.billing.node-silence (" + silence + ") must be at least twice "
                    + "tollgate.billing.heartbeat-interval (" + heartbeat + ")");
        }
        return new dev.tollgate.application.billing.service.ReservationRecovery(open, journal, clock, silence,
                ledger, allowances);
    }

    @Bean
    dev.tollgate.application.common.service.IdempotencyService idempotencyService(
            dev.tollgate.application.common.port.out.IdempotencyPort records) {
        return new dev.tollgate.application.common.service.IdempotencyService(records);
    }

    @Bean
    dev.tollgate.application.billing.service.LedgerService ledgerService(
            dev.tollgate.application.billing.port.out.LedgerPort ledger, UserDirectory users,
            dev.tollgate.application.organization.query.OrganizationDirectory organizations) {
        return new dev.tollgate.application.billing.service.LedgerService(ledger, users, organizations);
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
            dev.tollgate.application.billing.port.out.LedgerPort stored, BillingJournal journal, ClockPort clock,
            dev.tollgate.application.billing.port.out.OpenReservationPort open,
            dev.tollgate.application.billing.port.out.AllowancePort allowances) {
        return new dev.tollgate.application.billing.service.ReconciliationService(memory, stored, journal, clock,
                open, allowances);
    }

    @Bean
    RedemptionDirectory redemptionDirectory(ViewFreshness freshness) {
        return new RedemptionDirectory(freshness);
    }

    @Bean
    RedemptionService redemptionService(RedemptionDirectory directory, RedemptionJournalPort journal,
            WalletService wallets, CommandGateway commands, ClockPort clock, IdGeneratorPort ids,
            ViewFreshness freshness) {
        return new RedemptionService(directory, journal, wallets, commands, clock, ids, freshness);
    }

    @Bean
    WalletService walletService(QuotaLedger ledger, UserDirectory users, CommandGateway commands, ClockPort clock,
            IdGeneratorPort ids, ViewFreshness freshness, InviteService invites,
            OrganizationDirectory organizations) {
        return new WalletService(ledger, users, commands, clock, ids, freshness, invites, organizations);
    }

    /** The invite codes' HMAC key: 256 random bits, made once per installation and kept in the database. */
    @Bean
    InviteCodes inviteCodes(SettingsPort settings) {
        String key = settings.findOrCreate("invite-code-key", () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            return Base64.getEncoder().encodeToString(fresh);
        });
        return new InviteCodes(Base64.getDecoder().decode(key));
    }

    @Bean
    InviteDirectory inviteDirectory(InviteCodes codes, ViewFreshness freshness) {
        return new InviteDirectory(codes, freshness);
    }

    @Bean
    InviteService inviteService(InviteDirectory invites, UserDirectory users,
            dev.tollgate.application.billing.query.IncentiveSettings settings, InviteJournalPort journal,
            CommandGateway commands, ClockPort clock, ViewFreshness freshness) {
        return new InviteService(invites, users, settings, journal, commands, clock, freshness);
    }

    @Bean
    UserService userService(UserDirectory users, PasswordHasherPort hasher, CommandGateway commands, ClockPort clock,
            IdGeneratorPort ids, ViewFreshness freshness,
            dev.tollgate.application.billing.query.IncentiveSettings incentives, InviteService invites,
            dev.tollgate.application.organization.port.in.OrganizationUseCase organizations) {
        return new UserService(users, hasher, commands, clock, ids, freshness, incentives, invites, organizations);
    }

    @Bean
    dev.tollgate.application.account.service.SignUpBonus signUpBonus(
            dev.tollgate.application.billing.query.IncentiveSettings incentives, CommandGateway commands,
            ClockPort clock, ViewFreshness freshness) {
        return new dev.tollgate.application.account.service.SignUpBonus(incentives, commands, clock, freshness);
    }

    @Bean
    dev.tollgate.application.account.service.ExternalSignInService externalSignInService(UserDirectory users,
            dev.tollgate.application.account.port.out.OneTimeCodePort codes, CommandGateway commands,
            ClockPort clock, IdGeneratorPort ids, ViewFreshness freshness,
            dev.tollgate.application.account.service.SignUpBonus signUpBonus) {
        return new dev.tollgate.application.account.service.ExternalSignInService(users, codes, commands, clock, ids,
                freshness, signUpBonus);
    }

    @Bean
    LoginService loginService(UserDirectory users, PasswordHasherPort hasher, ClockPort clock,
            dev.tollgate.application.account.service.LegacyPasswordUpgrade upgrade) {
        return new LoginService(users, hasher, clock, upgrade);
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
            IdGeneratorPort ids, ViewFreshness freshness, LastUsedTracker lastUsed, UserRateLimits userLimits,
            OrganizationDirectory organizations, UserDirectory users) {
        return new TokenService(commands, tokens, ledger, clock, ids, freshness, lastUsed, userLimits,
                organizations, new RoleOrder(users));
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
            ExecutorService rateLimitCorrections, OrganizationDirectory organizations) {
        return new RateLimiter(buckets, userLimits, users, rateLimitCorrections, organizations);
    }

    @Bean
    ChannelAccess channelAccess(ChannelDirectory channels, OrganizationDirectory organizations) {
        return new ChannelAccess(channels, organizations);
    }

    /** The SSRF guard of private channels' base URLs; the listed hosts are exempt (tests use local fake upstreams). */
    @Bean
    PrivateChannelAddressGuard privateChannelAddressGuard(
            @Value("${tollgate.channels.private-hosts-allowed:}") java.util.List<String> allowedHosts) {
        return new PrivateChannelAddressGuard(allowedHosts);
    }

    @Bean
    ChannelService channelService(CommandGateway commands, ChannelDirectory channels, ChannelSecretPort secrets,
            ClockPort clock, IdGeneratorPort ids, ViewFreshness freshness, ChannelAccess access,
            PrivateChannelAddressGuard addresses) {
        return new ChannelService(commands, channels, secrets, clock, ids, freshness, access, addresses);
    }

    @Bean
    PriceService priceService(CommandGateway commands, PriceBook book, ClockPort clock, ViewFreshness freshness) {
        return new PriceService(commands, book, clock, freshness);
    }

    @Bean
    dev.tollgate.application.audit.service.AuditLogService auditLogService(
            dev.tollgate.application.audit.port.out.AuditLogPort log,
            dev.tollgate.application.organization.query.OrganizationDirectory organizations) {
        return new dev.tollgate.application.audit.service.AuditLogService(log, organizations);
    }

    @Bean
    UsageService usageService(UsageRecordPort records,
            dev.tollgate.application.organization.query.OrganizationDirectory organizations) {
        return new UsageService(records, organizations);
    }

    @Bean
    dev.tollgate.application.billing.service.UsageRetentionService usageRetentionService(UsageRecordPort records,
            ClockPort clock, @Value("${tollgate.usage.retention:P90D}") Duration retention,
            @Value("${tollgate.usage.prune-batch-size:1000}") int batchSize) {
        return new dev.tollgate.application.billing.service.UsageRetentionService(records, clock, retention,
                batchSize);
    }

    /** Every upstream call of a private channel first passes the SSRF guard of its base URL. */
    @Bean
    ChatUpstreamPort chatUpstreamPort(
            @Value("${tollgate.upstream.connect-timeout:PT5S}") Duration connectTimeout,
            @Value("${tollgate.upstream.stream-idle-timeout:PT120S}") Duration idleTimeout,
            @Value("${tollgate.upstream.transport:blocking}") String transport,
            PrivateChannelAddressGuard addresses, ChannelDirectory channels) {
        if (!transport.equals("blocking") && !transport.equals("jdk")) {
            throw new IllegalArgumentException("tollgate.upstream.transport must be 'blocking' or 'jdk', not '"
                    + transport + "'");
        }
        boolean blocking = transport.equals("blocking");
        return addresses.guard(ProviderAdapters.create(new ProviderHttpSettings(connectTimeout, idleTimeout, 65_536,
                blocking, blocking ? addresses.connectAddresses(channels::privateChannel) : null)),
                channels::privateChannel);
    }

    @Bean
    UpstreamBalancePort upstreamBalancePort(@Value("${tollgate.upstream.connect-timeout:PT5S}") Duration connectTimeout,
            @Value("${tollgate.relay.balance-timeout:PT15S}") Duration timeout, PrivateChannelAddressGuard addresses,
            ChannelDirectory channels) {
        return addresses.guard(new UpstreamBalanceClient(java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build(), timeout), channels::privateChannel);
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
    ChannelHealthService channelHealthService(CommandGateway commands, ChannelDirectory channels,
            ChatUpstreamPort upstream, ClockPort clock,
            @Value("${tollgate.relay.probe-timeout:PT20S}") Duration probeTimeout, ViewFreshness freshness,
            ChannelAccess access) {
        return new ChannelHealthService(commands, channels, upstream, clock, probeTimeout, freshness, access);
    }
}
