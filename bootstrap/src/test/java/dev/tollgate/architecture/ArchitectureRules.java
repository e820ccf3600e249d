package dev.tollgate.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toUnmodifiableSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import com.tngtech.archunit.library.dependencies.Slice;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.EntityId;
import org.axonframework.modelling.command.ForwardToAll;
import org.axonframework.modelling.command.ForwardingMode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The architecture rules of Tollgate (see {@code package-info.java} for why each exists). Every layer is named by
 * two package patterns: the production one under {@code dev.tollgate} and its twin under
 * {@code dev.tollgate.archfixture}, where test fixtures break each rule on purpose. Production imports never
 * contain the fixtures, so the twins cost nothing there.
 */
public final class ArchitectureRules {

    private static final String FIXTURES = "dev.tollgate.archfixture.";

    /** Application packages every context may use: the shared kernel and the upstream (provider) ports. */
    private static final List<String> SHARED_KERNEL = List.of("common", "upstream");

    private static final String[] DOMAIN = layer("domain");
    private static final String[] COMMANDS = layer("domain..command");
    private static final String[] EVENTS = layer("domain..event");
    private static final String[] APPLICATION = layer("application");
    private static final String[] PORTS_IN = layer("application..port.in");
    private static final String[] PORTS_OUT = layer("application..port.out");
    private static final String[] SERVICES = layer("application..service");
    private static final String[] ADAPTERS = layer("adapter");
    private static final String[] WEB = layer("adapter.in.web");
    private static final String[] PERSISTENCE = layer("adapter.out.persistence");
    private static final String[] PROVIDER = layer("adapter.out.provider");
    /** Bootstrap: the root package (the {@code @SpringBootApplication}) and the wiring. */
    private static final String[] BOOTSTRAP =
            join(new String[] {"dev.tollgate", "dev.tollgate.archfixture"}, layer("config"));

    private static final List<Class<?>> AXON_ALLOWED_IN_DOMAIN = List.of(
            Aggregate.class,
            AggregateIdentifier.class,
            TargetAggregateIdentifier.class,
            AggregateLifecycle.class,
            AggregateMember.class,
            EntityId.class,
            CreationPolicy.class,
            AggregateCreationPolicy.class,
            CommandHandler.class,
            EventSourcingHandler.class,
            Revision.class,
            // the default value of @AggregateMember's eventForwardingMode, so part of using that annotation
            ForwardToAll.class,
            ForwardingMode.class);

    public static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JAVA_AND_WHITELISTED_AXON = classes()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat(javaOrDomain().or(whitelistedAxon()))
            .because("the domain must stay free of Spring, JPA, Jackson and HTTP; Axon only through its "
                    + "aggregate annotations, AggregateLifecycle and @Revision (STYLE.md, Domain and messages)");

    public static final ArchRule APPLICATION_IS_FREE_OF_FRAMEWORKS = noClasses()
            .that()
            .resideInAnyPackage(APPLICATION)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "jakarta.persistence..",
                    "org.hibernate..",
                    "com.fasterxml.jackson..",
                    "java.net.http..",
                    "okhttp3..",
                    "org.apache.hc..",
                    "jakarta.servlet..")
            .because("use cases are plain Java; web, persistence, JSON and HTTP clients belong to adapters");

    public static final ArchRule WEB_ADAPTER_DOES_NOT_USE_OTHER_ADAPTERS = noClasses()
            .that()
            .resideInAnyPackage(WEB)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(join(PERSISTENCE, PROVIDER))
            .because("adapters never depend on each other; they meet only through application ports");

    public static final ArchRule PERSISTENCE_ADAPTER_DOES_NOT_USE_OTHER_ADAPTERS = noClasses()
            .that()
            .resideInAnyPackage(PERSISTENCE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(join(WEB, PROVIDER))
            .because("adapters never depend on each other; they meet only through application ports");

    public static final ArchRule PROVIDER_ADAPTER_DOES_NOT_USE_OTHER_ADAPTERS = noClasses()
            .that()
            .resideInAnyPackage(PROVIDER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(join(WEB, PERSISTENCE))
            .because("adapters never depend on each other; they meet only through application ports");

    public static final ArchRule CORE_DOES_NOT_DEPEND_ON_ADAPTERS_OR_BOOTSTRAP = noClasses()
            .that()
            .resideInAnyPackage(join(DOMAIN, APPLICATION))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(join(ADAPTERS, BOOTSTRAP))
            .because("dependencies point inwards: adapters and bootstrap know the core, never the reverse");

    public static final ArchRule RELAY_SEES_BILLING_ONLY_THROUGH_ITS_INBOUND_PORT = noClasses()
            .that()
            .resideInAnyPackage(layer("application.relay"))
            .should()
            .dependOnClassesThat(resideInAnyPackage(layer("application.billing"))
                    .and(not(resideInAnyPackage(layer("application.billing.port.in")))))
            .because("the relay meters through MeteringUseCase alone: how quota is held, charged and recorded "
                    + "(the ledger, the journal, the events) is billing's own business");

    public static final ArchRule APPLICATION_CONTEXTS_MEET_ONLY_AT_INBOUND_PORTS = classes()
            .that()
            .resideInAnyPackage(APPLICATION)
            .should(useOtherContextsOnlyThroughTheirInboundPorts())
            .because("a context is a black box to the others: they call its port.in (use cases, the records they "
                    + "take and return, the read-side views it publishes), never its services, queries or "
                    + "outbound ports; 'common' and 'upstream' are the shared kernel (issue 14)");

    public static final ArchRule APPLICATION_CONTEXTS_ARE_FREE_OF_CYCLES = SlicesRuleDefinition.slices()
            .matching("dev.tollgate..application.(*)..")
            .that(describe(
                    "are not the shared kernel 'common'", (Slice slice) -> !"common".equals(slice.getNamePart(1))))
            .should()
            .beFreeOfCycles()
            .because("dependencies between contexts run one way (relay, configfile, migration and audit on top; "
                    + "token above billing above organization above account; channel above organization; "
                    + "docs/architecture.md): a context can be understood, tested and changed without the ones "
                    + "above it");

    public static final ArchRule WEB_CONTROLLERS_LIVE_IN_WEB_ADAPTER = classes()
            .that()
            .areMetaAnnotatedWith(Controller.class)
            .or()
            .areMetaAnnotatedWith(ControllerAdvice.class)
            .should()
            .resideInAnyPackage(WEB)
            .because("HTTP endpoints and their error mapping belong to adapters-web");

    public static final ArchRule JPA_STAYS_IN_PERSISTENCE_ADAPTER = noClasses()
            .that()
            .resideOutsideOfPackages(PERSISTENCE)
            .should()
            .dependOnClassesThat(resideInAnyPackage(
                            "jakarta.persistence..",
                            "org.hibernate..",
                            "org.springframework.data.jpa..",
                            "org.springframework.orm.jpa..")
                    .and(not(resideInAPackage("org.hibernate.validator.."))))
            .because(
                    "JPA (Hibernate Validator's constraints on settings records are not JPA) serves only the admin read side inside adapters-persistence (ADR 12): entities, "
                            + "repositories, specifications and the EntityManager never leak into the core, the web adapter"
                            + " or the wiring, which see plain records through the ports");

    public static final ArchRule JPA_ENTITIES_ARE_PERSISTENCE_ADAPTER_CLASSES = classes()
            .that()
            .areAnnotatedWith(jakarta.persistence.Entity.class)
            .should()
            .resideInAnyPackage(PERSISTENCE)
            .andShould()
            .notBePublic()
            .because("the domain is event-sourced, not mapped: an entity is a row of a read-side table, known only "
                    + "to its package's repository and adapter (ADR 12)");

    public static final ArchRule COMMANDS_ARE_RECORDS_NAMED_COMMAND = classes()
            .that()
            .resideInAnyPackage(COMMANDS)
            .and()
            .areTopLevelClasses()
            .should()
            .beRecords()
            .andShould()
            .haveSimpleNameEndingWith("Command")
            .because("commands are imperative records validated in their constructors (CreateChannelCommand)");

    public static final ArchRule EVENT_RECORDS_ARE_NAMED_EVENT = classes()
            .that()
            .resideInAnyPackage(EVENTS)
            .and()
            .areTopLevelClasses()
            .and()
            .areRecords()
            .should()
            .haveSimpleNameEndingWith("Event")
            .because("events are past-tense facts named ...Event (ChannelCreatedEvent)");

    public static final ArchRule EVENT_RECORDS_CARRY_REVISION = classes()
            .that()
            .resideInAnyPackage(EVENTS)
            .and()
            .areTopLevelClasses()
            .and()
            .areRecords()
            .should()
            .beAnnotatedWith(Revision.class)
            .because("stored events are a persisted contract: a change of shape needs a new revision and an "
                    + "upcaster");

    public static final ArchRule MESSAGES_ARE_RECORDS_OR_INTERFACES = classes()
            .that()
            .resideInAnyPackage(join(COMMANDS, EVENTS))
            .and()
            .areNotAnonymousClasses()
            .should()
            .beRecords()
            .orShould()
            .beInterfaces()
            .because("commands and events are immutable records; an aggregate's events share a sealed interface");

    public static final ArchRule INBOUND_PORTS_ARE_USE_CASES = classes()
            .that()
            .resideInAnyPackage(PORTS_IN)
            .and()
            .areInterfaces()
            .should()
            .haveSimpleNameEndingWith("UseCase")
            .orShould()
            .haveSimpleNameEndingWith("Sink")
            .because("an inbound port is a use case (buckpal naming); its requests and results are records, and "
                    + "a ...Sink is the one kind of callback a use case may write its answer to");

    public static final ArchRule OUTBOUND_PORTS_ARE_NAMED_PORT = classes()
            .that()
            .resideInAnyPackage(PORTS_OUT)
            .and()
            .areInterfaces()
            .should()
            .haveSimpleNameEndingWith("Port")
            .orShould()
            .haveSimpleNameEndingWith("Response")
            .because("an outbound port is named ...Port so its adapter is easy to find; a ...Response is the "
                    + "open answer a port returns (closed by the caller)");

    public static final ArchRule CONTROLLERS_ARE_NAMED_CONTROLLER = classes()
            .that()
            .areMetaAnnotatedWith(Controller.class)
            .should()
            .haveSimpleNameEndingWith("Controller")
            .because("names say the role: ...Controller is an HTTP endpoint");

    public static final ArchRule USE_CASE_IMPLEMENTATIONS_ARE_NAMED_SERVICE = classes()
            .that()
            .resideInAnyPackage(SERVICES)
            .and()
            .implement(describe(
                    "a ...UseCase", (JavaClass port) -> port.getSimpleName().endsWith("UseCase")))
            .should()
            .haveSimpleNameEndingWith("Service")
            .because("names say the role: a ...Service implements use cases");

    public static final ArchRule NO_STANDARD_STREAMS =
            GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
                    "output goes through SLF4J, where level, format and destination are configured");

    public static final ArchRule NO_JAVA_UTIL_LOGGING =
            GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.because(
                    "one logging API (SLF4J) for the whole gateway");

    public static final ArchRule NO_FIELD_INJECTION = GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.because(
            "constructor injection keeps dependencies final, visible and testable without Spring");

    public static final ArchRule NO_SETTINGS_READ_WITH_VALUE = noClasses()
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value")
            .because("settings are @ConfigurationProperties records per concern, validated at start and documented in "
                    + "docs/configuration.md; a @Value is neither");

    private ArchitectureRules() {}

    /** Every rule above, by field name, in declaration order. */
    static Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        for (Field field : ArchitectureRules.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == ArchRule.class) {
                rules.put(field.getName(), read(field));
            }
        }
        return rules;
    }

    private static ArchRule read(Field field) {
        try {
            return (ArchRule) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read rule " + field.getName(), e);
        }
    }

    private static String[] layer(String packageBelowBase) {
        return new String[] {"dev.tollgate." + packageBelowBase + "..", FIXTURES + packageBelowBase + ".."};
    }

    private static String[] join(String[]... packageSets) {
        return Arrays.stream(packageSets).flatMap(Arrays::stream).toArray(String[]::new);
    }

    private static DescribedPredicate<JavaClass> javaOrDomain() {
        String[] allowed = join(new String[] {"java.."}, DOMAIN);
        return resideInAnyPackage(allowed)
                .and(not(resideInAPackage("java.net.http..")))
                .as("are in java.. (except java.net.http..) or the domain");
    }

    private static ArchCondition<JavaClass> useOtherContextsOnlyThroughTheirInboundPorts() {
        return new ArchCondition<>("use other application contexts only through their port.in") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = contextOf(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    Optional<String> other = contextOf(target);
                    boolean foreign = other.isPresent()
                            && !other.equals(own)
                            && !SHARED_KERNEL.contains(other.get())
                            && !isInboundPortOf(target, other.get());
                    if (foreign) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** The context of an application class: the package right below {@code ...application.}, if any. */
    private static Optional<String> contextOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        for (String base : new String[] {"dev.tollgate.application.", FIXTURES + "application."}) {
            if (name.startsWith(base)) {
                String rest = name.substring(base.length());
                int dot = rest.indexOf('.');
                return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return Optional.empty();
    }

    private static boolean isInboundPortOf(JavaClass target, String context) {
        String name = target.getPackageName();
        return name.endsWith("application." + context + ".port.in")
                || name.contains("application." + context + ".port.in.");
    }

    private static DescribedPredicate<JavaClass> whitelistedAxon() {
        Set<String> names = AXON_ALLOWED_IN_DOMAIN.stream().map(Class::getName).collect(toUnmodifiableSet());
        String description = AXON_ALLOWED_IN_DOMAIN.stream()
                .map(Class::getSimpleName)
                .collect(joining(", ", "are one of the whitelisted Axon types [", "]"));
        return describe(description, (JavaClass c) -> names.contains(c.getName()));
    }
}
