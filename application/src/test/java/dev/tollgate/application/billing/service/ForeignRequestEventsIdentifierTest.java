package dev.tollgate.application.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.billing.port.out.BillingNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ForeignRequestEventsIdentifierTest {

    @Test
    void givenAnEventThisNodeStored_whenItsIdentifierIsRead_thenTheNodeKnowsItAsItsOwn() {
        String node = BillingNode.random().id();

        String identifier = ForeignRequestEvents.eventIdentifier(node, 1_234_567L);

        assertThat(ForeignRequestEvents.storedBy(node, identifier)).isTrue();
        assertThat(identifier).hasSizeLessThanOrEqualTo(255); // the event_identifier column
    }

    @Test
    void givenAnotherNodesOrAnOldRandomIdentifier_whenRead_thenItIsForeign() {
        String node = "3f1c0c9e-0d7e-4c55-9a57-3a4f1e0b6a10";
        String other = "3f1c0c9e-0d7e-4c55-9a57-3a4f1e0b6a1";

        assertThat(ForeignRequestEvents.storedBy(node, ForeignRequestEvents.eventIdentifier(other, 1)))
                .isFalse();
        assertThat(ForeignRequestEvents.storedBy(other, ForeignRequestEvents.eventIdentifier(node, 1)))
                .isFalse();
        assertThat(ForeignRequestEvents.storedBy(node, UUID.randomUUID().toString()))
                .isFalse();
        assertThat(ForeignRequestEvents.storedBy(node, node)).isFalse();
    }

    @Test
    void givenANodeIdWithAColon_whenCreated_thenItIsRefused() {
        assertThatThrownBy(() -> new BillingNode("a:b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no colon");
    }
}
