package dev.tollgate.domain.channel;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.common.InvalidValueException;
import org.junit.jupiter.api.Test;

class ConcurrencyScopeOptionTest {
    @Test
    void givenTheConcurrencyScopeOption_whenCheckingItsValues_thenOnlyNodeAndClusterPass() {
        // when / then
        assertThatCode(() -> ChannelOptions.check("concurrencyScope", "node")).doesNotThrowAnyException();
        assertThatCode(() -> ChannelOptions.check("concurrencyScope", "cluster"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ChannelOptions.check("concurrencyScope", "global"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'node' or 'cluster'");
    }
}
