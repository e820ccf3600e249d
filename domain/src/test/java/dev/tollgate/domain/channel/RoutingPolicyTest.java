package dev.tollgate.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.channel.command.SetRoutingPolicyCommand;
import dev.tollgate.domain.channel.event.RoutingPolicySetEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final RoutingRules RULES = new RoutingRules(
            RoutingStrategy.WEIGHTED,
            Map.of("vip", RoutingStrategy.LATENCY),
            Map.of("gpt-4o", RoutingStrategy.LEAST_BUSY),
            5);
    private AggregateTestFixture<RoutingPolicy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoutingPolicy.class);
    }

    @Test
    void givenNoRules_whenAnAdminSetsThem_thenRoutingPolicySetWithWireNames() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new SetRoutingPolicyCommand(RoutingPolicy.ID, RULES, "user:root", AT))
                // then
                .expectEvents(new RoutingPolicySetEvent(
                        RoutingPolicy.ID,
                        "weighted",
                        Map.of("vip", "latency"),
                        Map.of("gpt-4o", "least-busy"),
                        5,
                        "user:root",
                        AT));
    }

    @Test
    void givenRules_whenSetToTheSameRules_thenNoEvent() {
        // given
        fixture.given(RoutingPolicySetEvent.of(RoutingPolicy.ID, RULES, "user:root", AT))
                // when
                .when(new SetRoutingPolicyCommand(RoutingPolicy.ID, RULES, "user:root", AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenAModelRuleAndAGroupRule_whenResolving_thenModelWinsOverGroupOverDefault() {
        // given
        RoutingRules rules = RULES;

        // when / then
        assertThat(rules.strategyFor("vip", "gpt-4o")).isEqualTo(RoutingStrategy.LEAST_BUSY);
        assertThat(rules.strategyFor("vip", "other")).isEqualTo(RoutingStrategy.LATENCY);
        assertThat(rules.strategyFor("default", "other")).isEqualTo(RoutingStrategy.WEIGHTED);
    }

    @Test
    void givenAnExploreShareAboveTheBound_whenBuildingRules_thenRefusedNamingTheField() {
        // when / then
        assertThatThrownBy(() -> new RoutingRules(RoutingStrategy.LATENCY, Map.of(), Map.of(), 51))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("explorePercent");
        assertThatThrownBy(() -> RoutingStrategy.of("default", "fastest"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("least-busy");
    }
}
