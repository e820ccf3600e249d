package dev.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.in.web.auth.external.ExternalLoginSettings;
import dev.tollgate.adapter.in.web.migration.OneApiImportProperties;
import dev.tollgate.adapter.in.web.relay.RelayWebProperties;
import dev.tollgate.adapter.in.web.security.AuthProperties;
import dev.tollgate.adapter.out.persistence.DatabaseProperties;
import dev.tollgate.adapter.out.persistence.StorageProperties;
import dev.tollgate.adapter.out.persistence.axon.EventStoreProperties;
import dev.tollgate.application.billing.service.BillingJournal;
import dev.tollgate.config.properties.BillingProperties;
import dev.tollgate.config.properties.ChannelsProperties;
import dev.tollgate.config.properties.KeysProperties;
import dev.tollgate.config.properties.MailProperties;
import dev.tollgate.config.properties.PricesProperties;
import dev.tollgate.config.properties.RegistrationProperties;
import dev.tollgate.config.properties.RelayProperties;
import dev.tollgate.config.properties.RootAccountProperties;
import dev.tollgate.config.properties.UpstreamProperties;
import dev.tollgate.config.properties.UsageProperties;
import dev.tollgate.config.properties.ViewsProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A wrong setting stops the start, and the operator reads which property and why (Spring Boot's "APPLICATION FAILED
 * TO START" report); right settings bind to the documented defaults.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTest {

    /** Every settings record of every module, and nothing else. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({
        BillingProperties.class,
        ChannelsProperties.class,
        KeysProperties.class,
        MailProperties.class,
        PricesProperties.class,
        RelayProperties.class,
        RootAccountProperties.class,
        UpstreamProperties.class,
        UsageProperties.class,
        ViewsProperties.class,
        AuthProperties.class,
        ExternalLoginSettings.class,
        RelayWebProperties.class,
        InFlightProperties.class,
        RegistrationProperties.class,
        OneApiImportProperties.class,
        StorageProperties.class,
        DatabaseProperties.class,
        EventStoreProperties.class
    })
    static class EverySetting {}

    private static ConfigurableApplicationContext start(String... arguments) {
        return new SpringApplicationBuilder(EverySetting.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off")
                .run(arguments);
    }

    @Test
    void givenAZeroBatchSize_whenTollgateStarts_thenStartUpFailsNamingThePropertyAndWhy(CapturedOutput output)
            throws Exception {
        // given
        Path dataDir = Files.createTempDirectory("tollgate-config-test-");
        SpringApplicationBuilder tollgate = new SpringApplicationBuilder(TollgateApplication.class);

        // when / then
        assertThatThrownBy(() -> tollgate.run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + dataDir,
                        "--tollgate.root-password=config-" + UUID.randomUUID(),
                        "--spring.datasource.url=",
                        "--tollgate.db.url=",
                        "--tollgate.billing.max-batch=0"))
                .hasRootCauseInstanceOf(BindValidationException.class);
        assertThat(output.getOut())
                .contains(
                        "APPLICATION FAILED TO START",
                        "Origin: \"tollgate.billing.max-batch\" from property source \"commandLineArgs\"",
                        "Value: \"0\"",
                        "Reason: must be greater than 0");
    }

    @Test
    void givenANodeSilenceShorterThanTwoHeartbeats_whenStarting_thenStartUpFailsNamingBoth(CapturedOutput output) {
        assertThatThrownBy(() ->
                        start("--tollgate.billing.node-silence=PT15S", "--tollgate.billing.heartbeat-interval=PT10S"))
                .isNotNull();

        assertThat(output.getOut())
                .contains(
                        "APPLICATION FAILED TO START",
                        "tollgate.billing",
                        "tollgate.billing.node-silence (PT15S) must be at least twice tollgate.billing.heartbeat-interval"
                                + " (PT10S)");
    }

    @Test
    void givenANegativeLimitOfRequestsInFlight_whenStarting_thenStartUpFailsNamingThePropertyAndWhy(
            CapturedOutput output) {
        assertThatThrownBy(() -> start("--tollgate.in-flight.max-requests=-1")).isNotNull();

        assertThat(output.getOut())
                .contains(
                        "APPLICATION FAILED TO START",
                        "Origin: \"tollgate.in-flight.max-requests\"",
                        "Value: \"-1\"",
                        "Reason: must be greater than or equal to 0");
    }

    @Test
    void givenAnUnknownTransport_whenStarting_thenStartUpFailsNamingThePropertyAndTheValidValues(
            CapturedOutput output) {
        assertThatThrownBy(() -> start("--tollgate.upstream.transport=carrier-pigeon"))
                .isNotNull();

        assertThat(output.getOut())
                .contains(
                        "Property: tollgate.upstream.transport",
                        "Value: \"carrier-pigeon\"",
                        "The following values are valid:",
                        "BLOCKING",
                        "JDK");
    }

    @Test
    void givenANegativeTimeout_whenStarting_thenStartUpFailsNamingThePropertyAndWhy(CapturedOutput output) {
        assertThatThrownBy(() -> start("--tollgate.upstream.connect-timeout=-PT1S"))
                .isNotNull();

        assertThat(output.getOut())
                .contains(
                        "Property: tollgate.upstream.connectTimeout",
                        "Origin: \"tollgate.upstream.connect-timeout\"",
                        "Value: \"PT-1S\"",
                        "Reason: must be longer than or equal to 1 milli");
    }

    @Test
    void givenAPortOutOfRange_whenStarting_thenStartUpFailsNamingThePropertyAndWhy(CapturedOutput output) {
        assertThatThrownBy(() -> start("--tollgate.mail.port=70000")).isNotNull();

        assertThat(output.getOut())
                .contains(
                        "Property: tollgate.mail.port",
                        "Value: \"70000\"",
                        "Reason: must be less than or equal to 65535");
    }

    @Test
    void givenASessionSigningSecretShorterThan32Bytes_whenStarting_thenStartUpFailsSayingSo(CapturedOutput output) {
        assertThatThrownBy(() -> start("--tollgate.auth.jwt-secret=c2hvcnQ=")).isNotNull();

        assertThat(output.getOut()).contains("tollgate.auth.jwt-secret must be base64 of at least 32 bytes");
    }

    @Test
    void givenNoSettings_whenStarting_thenEveryRecordHoldsTheDocumentedDefaults() {
        // when
        try (ConfigurableApplicationContext context = start()) {
            // then
            BillingProperties billing = context.getBean(BillingProperties.class);
            assertThat(billing.maxBatch()).isEqualTo(2000);
            assertThat(billing.durability()).isEqualTo(BillingJournal.Durability.ASYNC);
            assertThat(billing.nodeSilence()).isEqualTo(Duration.ofSeconds(60));
            RelayProperties relay = context.getBean(RelayProperties.class);
            assertThat(relay.breaker().rejectedKeyPause()).isEqualTo(Duration.ofMinutes(10));
            assertThat(context.getBean(UpstreamProperties.class).transport())
                    .isEqualTo(UpstreamProperties.Transport.BLOCKING);
            assertThat(context.getBean(ChannelsProperties.class).privateHostsAllowed())
                    .isEmpty();
            assertThat(context.getBean(RelayWebProperties.class).trustedProxies())
                    .isEmpty();
            assertThat(context.getBean(ExternalLoginSettings.class).github().baseUrl())
                    .isEqualTo("https://github.com");
            assertThat(context.getBean(StorageProperties.class)
                            .dataDir()
                            .toAbsolutePath()
                            .normalize())
                    .isEqualTo(Path.of("data").toAbsolutePath());
        }
    }

    @Test
    void givenTheEnvironmentVariablesDocsConfigurationMdNames_whenStarting_thenTheyBind() {
        // given: the variables as the generated table spells them
        Map<String, Object> environment = Map.of(
                ConfigurationReference.environmentName("tollgate.relay.max-retries"),
                "7",
                ConfigurationReference.environmentName("tollgate.billing.node-silence"),
                "PT2M",
                ConfigurationReference.environmentName("tollgate.registration.turnstile.verify-url"),
                "http://127.0.0.1:9/siteverify");

        // when
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(EverySetting.class)
                .web(WebApplicationType.NONE)
                .initializers(c -> c.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .run()) {
            // then
            assertThat(context.getBean(RelayProperties.class).maxRetries()).isEqualTo(7);
            assertThat(context.getBean(BillingProperties.class).nodeSilence()).isEqualTo(Duration.ofMinutes(2));
            assertThat(context.getBean(RegistrationProperties.class).turnstile().verifyUrl())
                    .hasToString("http://127.0.0.1:9/siteverify");
        }
    }

    @Test
    void givenEnvironmentStyleSpellings_whenStarting_thenTheyBindLikeTheDocumentedNames() {
        // when
        try (ConfigurableApplicationContext context = start(
                "--tollgate.billing.durability=SYNC",
                "--tollgate.channels.private-hosts-allowed=127.0.0.1, ,localhost",
                "--tollgate.upstream.transport=blocking")) {
            // then
            assertThat(context.getBean(BillingProperties.class).durability()).isEqualTo(BillingJournal.Durability.SYNC);
            assertThat(context.getBean(ChannelsProperties.class).privateHostsAllowed())
                    .containsExactly("127.0.0.1", "localhost");
            assertThat(context.getBean(UpstreamProperties.class).transport())
                    .isEqualTo(UpstreamProperties.Transport.BLOCKING);
        }
    }
}
