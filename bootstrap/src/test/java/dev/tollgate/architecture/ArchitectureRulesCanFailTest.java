package dev.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.tollgate.archfixture.FixtureApplication;
import dev.tollgate.archfixture.adapter.in.web.ChannelEndpoint;
import dev.tollgate.archfixture.adapter.in.web.ChannelResponse;
import dev.tollgate.archfixture.adapter.in.web.FieldInjectedHandler;
import dev.tollgate.archfixture.adapter.in.web.SettingReadWithValue;
import dev.tollgate.archfixture.adapter.in.web.StrayEntity;
import dev.tollgate.archfixture.adapter.in.web.WebUsesPersistenceAndProvider;
import dev.tollgate.archfixture.adapter.out.persistence.ChannelRow;
import dev.tollgate.archfixture.adapter.out.persistence.PersistenceUsesWebAndProvider;
import dev.tollgate.archfixture.adapter.out.persistence.PublicChannelEntity;
import dev.tollgate.archfixture.adapter.out.persistence.StrayAdvice;
import dev.tollgate.archfixture.adapter.out.provider.LogsWithJavaUtilLogging;
import dev.tollgate.archfixture.adapter.out.provider.PrintsToConsole;
import dev.tollgate.archfixture.adapter.out.provider.ProviderReply;
import dev.tollgate.archfixture.adapter.out.provider.ProviderUsesWebAndPersistence;
import dev.tollgate.archfixture.application.StrayController;
import dev.tollgate.archfixture.application.UsesBootstrap;
import dev.tollgate.archfixture.application.UsesJackson;
import dev.tollgate.archfixture.application.billing.port.in.ChargeUseCase;
import dev.tollgate.archfixture.application.billing.service.Invoicing;
import dev.tollgate.archfixture.application.billing.service.Ledger;
import dev.tollgate.archfixture.application.channel.port.in.ChannelCreator;
import dev.tollgate.archfixture.application.channel.port.out.ChannelStore;
import dev.tollgate.archfixture.application.channel.service.ChannelArchiver;
import dev.tollgate.archfixture.application.channel.service.SpecificationInService;
import dev.tollgate.archfixture.application.relay.RelayUsesLedger;
import dev.tollgate.archfixture.application.token.port.in.KeyLookupUseCase;
import dev.tollgate.archfixture.application.token.service.KeyLookupService;
import dev.tollgate.archfixture.application.token.service.TokenUsesLedger;
import dev.tollgate.archfixture.config.FixtureSettings;
import dev.tollgate.archfixture.domain.channel.DomainUsesAdapter;
import dev.tollgate.archfixture.domain.channel.EventHandlerInDomain;
import dev.tollgate.archfixture.domain.channel.HttpClientInDomain;
import dev.tollgate.archfixture.domain.channel.SpringInDomain;
import dev.tollgate.archfixture.domain.channel.WhitelistedAxonAggregate;
import dev.tollgate.archfixture.domain.channel.command.MutableRenameChannelCommand;
import dev.tollgate.archfixture.domain.channel.command.RenameChannel;
import dev.tollgate.archfixture.domain.channel.event.ChannelArchivedEvent;
import dev.tollgate.archfixture.domain.channel.event.ChannelRenamed;
import dev.tollgate.archfixture.domain.channel.event.MutableChannelRenamedEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that every rule of {@link ArchitectureRules} can fail: each is evaluated against a fixture from
 * {@code dev.tollgate.archfixture} that breaks it, and must report that fixture.
 */
class ArchitectureRulesCanFailTest {

    private static final Map<String, ArchRule> RULES = ArchitectureRules.all();

    /**
     * One rule, a fixture breaking it, and other classes the report must name (the forbidden targets); imported with
     * the fixture when the breach needs them present (a cycle needs both of its sides).
     */
    private record Breach(ArchRule rule, Class<?> fixture, List<Class<?>> alsoNamed, boolean importAlsoNamed) {
        Arguments arguments() {
            return Arguments.of(nameOf(rule), rule, fixture, alsoNamed, importAlsoNamed);
        }
    }

    /** Two contexts that use each other only through inbound ports: right for the port rule, a cycle all the same. */
    private static final List<Class<?>> CYCLE =
            List.of(KeyLookupService.class, KeyLookupUseCase.class, Invoicing.class, ChargeUseCase.class);

    static Stream<Breach> breachTable() {
        return Stream.of(
                breach(ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_WHITELISTED_AXON, SpringInDomain.class),
                breach(ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_WHITELISTED_AXON, EventHandlerInDomain.class),
                breach(ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_WHITELISTED_AXON, HttpClientInDomain.class),
                breach(ArchitectureRules.APPLICATION_IS_FREE_OF_FRAMEWORKS, UsesJackson.class),
                breach(
                        ArchitectureRules.WEB_ADAPTER_DOES_NOT_USE_OTHER_ADAPTERS,
                        WebUsesPersistenceAndProvider.class,
                        ChannelRow.class,
                        ProviderReply.class),
                breach(
                        ArchitectureRules.PERSISTENCE_ADAPTER_DOES_NOT_USE_OTHER_ADAPTERS,
                        PersistenceUsesWebAndProvider.class,
                        ChannelResponse.class,
                        ProviderReply.class),
                breach(
                        ArchitectureRules.PROVIDER_ADAPTER_DOES_NOT_USE_OTHER_ADAPTERS,
                        ProviderUsesWebAndPersistence.class,
                        ChannelResponse.class,
                        ChannelRow.class),
                breach(
                        ArchitectureRules.CORE_DOES_NOT_DEPEND_ON_ADAPTERS_OR_BOOTSTRAP,
                        UsesBootstrap.class,
                        FixtureSettings.class,
                        FixtureApplication.class),
                breach(
                        ArchitectureRules.CORE_DOES_NOT_DEPEND_ON_ADAPTERS_OR_BOOTSTRAP,
                        DomainUsesAdapter.class,
                        ChannelRow.class),
                breach(
                        ArchitectureRules.RELAY_SEES_BILLING_ONLY_THROUGH_ITS_INBOUND_PORT,
                        RelayUsesLedger.class,
                        Ledger.class),
                breach(
                        ArchitectureRules.APPLICATION_CONTEXTS_MEET_ONLY_AT_INBOUND_PORTS,
                        TokenUsesLedger.class,
                        Ledger.class),
                breach(
                        ArchitectureRules.APPLICATION_CONTEXTS_MEET_ONLY_AT_INBOUND_PORTS,
                        RelayUsesLedger.class,
                        Ledger.class),
                new Breach(
                        ArchitectureRules.APPLICATION_CONTEXTS_ARE_FREE_OF_CYCLES,
                        Invoicing.class,
                        List.of(KeyLookupService.class, KeyLookupUseCase.class, ChargeUseCase.class),
                        true),
                breach(ArchitectureRules.WEB_CONTROLLERS_LIVE_IN_WEB_ADAPTER, StrayController.class),
                breach(ArchitectureRules.WEB_CONTROLLERS_LIVE_IN_WEB_ADAPTER, StrayAdvice.class),
                breach(ArchitectureRules.JPA_STAYS_IN_PERSISTENCE_ADAPTER, StrayEntity.class),
                breach(ArchitectureRules.JPA_STAYS_IN_PERSISTENCE_ADAPTER, SpecificationInService.class),
                breach(ArchitectureRules.JPA_ENTITIES_ARE_PERSISTENCE_ADAPTER_CLASSES, StrayEntity.class),
                breach(ArchitectureRules.JPA_ENTITIES_ARE_PERSISTENCE_ADAPTER_CLASSES, PublicChannelEntity.class),
                breach(ArchitectureRules.COMMANDS_ARE_RECORDS_NAMED_COMMAND, RenameChannel.class),
                breach(ArchitectureRules.COMMANDS_ARE_RECORDS_NAMED_COMMAND, MutableRenameChannelCommand.class),
                breach(ArchitectureRules.EVENT_RECORDS_ARE_NAMED_EVENT, ChannelRenamed.class),
                breach(ArchitectureRules.EVENT_RECORDS_CARRY_REVISION, ChannelArchivedEvent.class),
                breach(ArchitectureRules.MESSAGES_ARE_RECORDS_OR_INTERFACES, MutableChannelRenamedEvent.class),
                breach(ArchitectureRules.MESSAGES_ARE_RECORDS_OR_INTERFACES, MutableRenameChannelCommand.class),
                breach(ArchitectureRules.INBOUND_PORTS_ARE_USE_CASES, ChannelCreator.class),
                breach(ArchitectureRules.OUTBOUND_PORTS_ARE_NAMED_PORT, ChannelStore.class),
                breach(ArchitectureRules.CONTROLLERS_ARE_NAMED_CONTROLLER, ChannelEndpoint.class),
                breach(ArchitectureRules.USE_CASE_IMPLEMENTATIONS_ARE_NAMED_SERVICE, ChannelArchiver.class),
                breach(ArchitectureRules.NO_STANDARD_STREAMS, PrintsToConsole.class),
                breach(ArchitectureRules.NO_JAVA_UTIL_LOGGING, LogsWithJavaUtilLogging.class),
                breach(ArchitectureRules.NO_FIELD_INJECTION, FieldInjectedHandler.class),
                breach(ArchitectureRules.NO_SETTINGS_READ_WITH_VALUE, SettingReadWithValue.class));
    }

    static Stream<Arguments> breaches() {
        return breachTable().map(Breach::arguments);
    }

    @ParameterizedTest(name = "{0} flags {2}")
    @MethodSource("breaches")
    void givenFixtureBreakingRule_whenRuleEvaluated_thenViolationNamesFixture(
            String name, ArchRule rule, Class<?> fixture, List<Class<?>> alsoNamed, boolean importAlsoNamed) {
        // given
        JavaClasses classes = importAlsoNamed
                ? new ClassFileImporter()
                        .importClasses(Stream.concat(Stream.of(fixture), alsoNamed.stream())
                                .toArray(Class<?>[]::new))
                : importWithNestedClasses(fixture);

        // when
        EvaluationResult result = rule.evaluate(classes);

        // then
        assertThat(result.hasViolation()).as(name).isTrue();
        String report = result.getFailureReport().toString();
        assertThat(report).contains(fixture.getName());
        alsoNamed.forEach(target -> assertThat(report).contains(target.getName()));
    }

    @Test
    void givenAllRules_whenBreachTableRead_thenEveryRuleHasAFixture() {
        // given
        Map<String, ArchRule> rules = RULES;

        // when
        List<String> covered =
                breachTable().map(breach -> nameOf(breach.rule())).distinct().toList();

        // then
        assertThat(covered).containsExactlyInAnyOrderElementsOf(rules.keySet());
    }

    @Test
    void givenDomainClassUsingOnlyWhitelistedAxon_whenDomainRuleEvaluated_thenNoViolation() {
        // given
        JavaClasses classes = importWithNestedClasses(WhitelistedAxonAggregate.class);

        // when
        EvaluationResult result = ArchitectureRules.DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_WHITELISTED_AXON.evaluate(classes);

        // then
        assertThat(result.hasViolation())
                .as(result.getFailureReport().toString())
                .isFalse();
    }

    @Test
    void givenContextsMeetingOnlyAtInboundPorts_whenContextPortRuleEvaluated_thenNoViolation() {
        // given
        JavaClasses classes = new ClassFileImporter().importClasses(CYCLE.toArray(Class<?>[]::new));

        // when
        EvaluationResult result = ArchitectureRules.APPLICATION_CONTEXTS_MEET_ONLY_AT_INBOUND_PORTS.evaluate(classes);

        // then
        assertThat(result.hasViolation())
                .as(result.getFailureReport().toString())
                .isFalse();
    }

    @Test
    void givenOneWayDependencyBetweenContexts_whenCycleRuleEvaluated_thenNoViolation() {
        // given
        JavaClasses classes = new ClassFileImporter()
                .importClasses(KeyLookupService.class, KeyLookupUseCase.class, ChargeUseCase.class);

        // when
        EvaluationResult result = ArchitectureRules.APPLICATION_CONTEXTS_ARE_FREE_OF_CYCLES.evaluate(classes);

        // then
        assertThat(result.hasViolation())
                .as(result.getFailureReport().toString())
                .isFalse();
    }

    private static Breach breach(ArchRule rule, Class<?> fixture, Class<?>... alsoNamed) {
        return new Breach(rule, fixture, List.of(alsoNamed), false);
    }

    private static String nameOf(ArchRule rule) {
        return RULES.entrySet().stream()
                .filter(entry -> entry.getValue() == rule)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a rule of ArchitectureRules: " + rule));
    }

    private static JavaClasses importWithNestedClasses(Class<?> fixture) {
        Class<?>[] classes = Stream.concat(Stream.of(fixture), Stream.of(fixture.getDeclaredClasses()))
                .toArray(Class<?>[]::new);
        return new ClassFileImporter().importClasses(classes);
    }
}
