package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.migration.ImportRecordPersistenceAdapter;
import dev.tollgate.adapter.out.persistence.migration.OneApiJdbcSource;
import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.account.port.out.PasswordHasherPort;
import dev.tollgate.application.account.service.LegacyPasswordUpgrade;
import dev.tollgate.application.account.service.UserImportService;
import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.OneApiRatiosUseCase;
import dev.tollgate.application.billing.port.in.RedemptionDirectory;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.common.ViewFreshness;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.common.port.out.IdGeneratorPort;
import dev.tollgate.application.migration.service.ImportCollaborators;
import dev.tollgate.application.migration.service.ImportOneApiService;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.application.token.service.TokenImportService;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The one-api import: its source reader, its records, the use cases it drives, and the password-hash upgrade. */
@Configuration(proxyBeanMethods = false)
class MigrationConfiguration {

    @Bean
    OneApiJdbcSource oneApiJdbcSource() {
        return new OneApiJdbcSource();
    }

    @Bean
    ImportRecordPersistenceAdapter importRecordPersistenceAdapter(JdbcTemplate jdbc) {
        return new ImportRecordPersistenceAdapter(jdbc);
    }

    @Bean
    TokenImportService tokenImportService(
            CommandGateway commands, TokenDirectory tokens, ClockPort clock, IdGeneratorPort ids) {
        return new TokenImportService(commands, tokens, clock, ids);
    }

    @Bean
    UserImportService userImportService(
            CommandGateway commands,
            UserDirectory users,
            ClockPort clock,
            IdGeneratorPort ids,
            ViewFreshness freshness) {
        return new UserImportService(commands, users, clock, ids, freshness);
    }

    @Bean
    LegacyPasswordUpgrade legacyPasswordUpgrade(
            CommandGateway commands,
            UserDirectory users,
            PasswordHasherPort hasher,
            ClockPort clock,
            ViewFreshness freshness) {
        return new LegacyPasswordUpgrade(commands, users, hasher, clock, freshness);
    }

    @Bean
    ImportOneApiService importOneApiService(
            OneApiJdbcSource source,
            ImportRecordPersistenceAdapter records,
            OneApiRatiosUseCase ratios,
            GroupMultiplierUseCase groups,
            CreateChannelUseCase createChannel,
            ManageChannelUseCase manageChannel,
            UserImportService users,
            TokenImportService tokens,
            WalletUseCase wallets,
            CommandGateway commands,
            RedemptionDirectory redemptions,
            IdGeneratorPort ids,
            ClockPort clock) {
        return new ImportOneApiService(
                source,
                records,
                new ImportCollaborators(
                        ratios,
                        groups,
                        createChannel,
                        manageChannel,
                        users,
                        tokens,
                        wallets,
                        commands,
                        redemptions,
                        ids),
                clock);
    }
}
