/**
 * Architecture rules, all in {@link dev.tollgate.architecture.ArchitectureRules}. {@code ArchitectureTest} checks
 * each against the production classes; {@code ArchitectureRulesCanFailTest} proves each one fails on a fixture
 * from {@code dev.tollgate.archfixture} that breaks it (a rule that cannot fail is not a rule).
 * <ul>
 *   <li>The domain depends only on {@code java..} (not {@code java.net.http}), itself and a short list of Axon
 *       aggregate annotations: it stays a plain, deterministic model, testable with Axon's fixtures alone.</li>
 *   <li>The application uses no Spring, JPA, Hibernate, Jackson, servlet or HTTP client: those are adapters'
 *       concerns, and use cases stay plain Java.</li>
 *   <li>Adapters never use each other, and domain/application never use adapters or bootstrap: every dependency
 *       points inwards, adapters meet only through ports.</li>
 *   <li>The relay reaches billing only through billing's inbound port ({@code MeteringUseCase}): how quota is held,
 *       charged and recorded stays billing's business, in one place.</li>
 *   <li>Application contexts (the packages under {@code dev.tollgate.application}) use one another only through
 *       the other's {@code port.in} ({@code common} and {@code upstream} are the shared kernel), and no cycle runs
 *       between them ({@code common} aside): each context is a black box with one published face, and can be read
 *       and changed without the contexts above it. Where a lower context needs a higher one (registration and the
 *       incentives), it owns an outbound port that the wiring connects.</li>
 *   <li>Controllers and controller advice live in the web adapter, JPA entities in the persistence adapter: a
 *       reader finds HTTP and tables in one place each.</li>
 *   <li>Names say the role: {@code ...Command} and {@code ...Event} records, {@code ...UseCase} inbound and
 *       {@code ...Port} outbound ports (besides a use case's {@code ...Sink} callback and a port's open
 *       {@code ...Response}), {@code ...Controller}, {@code ...Service} for use-case implementations.</li>
 *   <li>Event records carry {@code @Revision}: stored events are a persisted contract, changed only with a new
 *       revision and an upcaster.</li>
 *   <li>Commands and events are records or interfaces (sealed event families): messages are immutable.</li>
 *   <li>No {@code System.out}/{@code System.err}, no {@code java.util.logging} (one logging API, SLF4J), no field
 *       injection (dependencies are final constructor parameters).</li>
 *   <li>No {@code @Value}: settings are {@code @ConfigurationProperties} records per concern, validated at start,
 *       with the generated reference in docs/configuration.md.</li>
 * </ul>
 */
package dev.tollgate.architecture;
