package dev.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class InFlightPropertiesTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void givenNoLimitSet_whenTheHeapIs384MiBOr1GiB_thenTheLimitIsTheHeapOverHalfAMebibytePerRequest() {
        // given
        InFlightProperties derived = new InFlightProperties(0, DataSize.ofKilobytes(512), Duration.ofSeconds(1));

        // when / then
        assertThat(derived.limit(384 * MIB)).isEqualTo(768);
        assertThat(derived.limit(1024 * MIB)).isEqualTo(2048);
    }

    @Test
    void givenATinyOrAHugeHeap_whenDerived_thenTheLimitStaysWithinItsBounds() {
        // given
        InFlightProperties derived = new InFlightProperties(0, DataSize.ofKilobytes(512), Duration.ofSeconds(1));

        // when / then
        assertThat(derived.limit(MIB)).isEqualTo(InFlightProperties.DERIVED_MIN);
        assertThat(derived.limit(Long.MAX_VALUE)).isEqualTo(InFlightProperties.DERIVED_MAX);
    }

    @Test
    void givenAnExplicitLimit_whenAskedOnAnyHeap_thenThatLimitHolds() {
        // given
        InFlightProperties explicit = new InFlightProperties(5, DataSize.ofKilobytes(512), Duration.ofSeconds(1));

        // when / then
        assertThat(explicit.limit(384 * MIB)).isEqualTo(5);
    }
}
