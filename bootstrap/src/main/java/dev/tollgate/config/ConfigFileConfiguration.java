package dev.tollgate.config;

import dev.tollgate.adapter.out.persistence.configfile.ManagedResourcePersistenceAdapter;
import dev.tollgate.adapter.out.persistence.configfile.YamlConfigFileSource;
import dev.tollgate.adapter.out.persistence.configfile.YamlConfigFileWriter;
import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.application.billing.port.in.GroupMultiplierUseCase;
import dev.tollgate.application.billing.port.in.IncentiveUseCase;
import dev.tollgate.application.billing.port.in.PriceQueryUseCase;
import dev.tollgate.application.billing.port.in.SetPriceUseCase;
import dev.tollgate.application.channel.port.in.ChannelDirectory;
import dev.tollgate.application.channel.port.in.CreateChannelUseCase;
import dev.tollgate.application.channel.port.in.ManageChannelUseCase;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.configfile.port.in.ConfigFileUseCase;
import dev.tollgate.application.configfile.port.out.ChannelKeysPort;
import dev.tollgate.application.configfile.service.ConfigExportService;
import dev.tollgate.application.configfile.service.ConfigFileCollaborators;
import dev.tollgate.application.configfile.service.ConfigFileOffService;
import dev.tollgate.application.configfile.service.ConfigFileService;
import dev.tollgate.application.configfile.service.LiveConfigState;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Configuration as code: the YAML file's reader and writer, the managed-resource records, the service that applies
 * the file (or the one that says it is off), its watcher and its health component. {@code ${VAR}} references are
 * looked up in the environment (environment variables, system properties and Spring properties of that exact name).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConfigFileProperties.class)
class ConfigFileConfiguration {

    @Bean
    LiveConfigState liveConfigState(
            ChannelDirectory channels,
            ChannelKeysPort secrets,
            PriceQueryUseCase prices,
            GroupMultiplierUseCase multipliers,
            OrganizationUseCase organizations,
            SelfServiceUseCase registration,
            IncentiveUseCase incentives) {
        return new LiveConfigState(channels, secrets, prices, multipliers, organizations, registration, incentives);
    }

    @Bean
    ManagedResourcePersistenceAdapter managedResourcePersistenceAdapter(JdbcTemplate jdbc, DataSource dataSource) {
        return new ManagedResourcePersistenceAdapter(jdbc, dataSource);
    }

    @Bean
    ConfigFileUseCase configFileService(
            ConfigFileProperties properties,
            Environment environment,
            ManagedResourcePersistenceAdapter managed,
            ClockPort clock,
            CreateChannelUseCase createChannel,
            ManageChannelUseCase manageChannel,
            SetPriceUseCase prices,
            GroupMultiplierUseCase multipliers,
            OrganizationUseCase organizations,
            SelfServiceUseCase registration,
            IncentiveUseCase incentives,
            LiveConfigState live) {
        if (!properties.enabled()) {
            return new ConfigFileOffService();
        }
        YamlConfigFileSource source =
                new YamlConfigFileSource(Path.of(properties.path()), environment::getProperty, properties.maxBytes());
        return new ConfigFileService(
                source,
                managed,
                clock,
                new ConfigFileCollaborators(
                        createChannel,
                        manageChannel,
                        prices,
                        multipliers,
                        organizations,
                        registration,
                        incentives,
                        live));
    }

    @Bean
    ConfigExportService configExportService(LiveConfigState live) {
        return new ConfigExportService(live, new YamlConfigFileWriter());
    }

    @Bean
    ConfigFileWatcher configFileWatcher(ConfigFileUseCase configFile, ConfigFileProperties properties) {
        return new ConfigFileWatcher(configFile, properties.pollInterval());
    }

    @Bean("configFile")
    ConfigFileHealth configFileHealth(ConfigFileUseCase configFile) {
        return new ConfigFileHealth(configFile);
    }
}
