package dev.tollgate.application.relay.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tracing off costs the relay nothing: every step gets the same do-nothing span and nothing goes upstream. */
class RelayTracingPortTest {
    @Test
    void givenTracingOff_whenTheRelayOpensAndTagsSpans_thenTheSameNoOpSpanIsReturnedAndNoTraceparentIsSent() {
        // given
        RelayTracingPort tracing = RelayTracingPort.OFF;

        // when
        RelayTracingPort request = tracing.start("tollgate.relay");
        RelayTracingPort attempt = request.start("tollgate.relay.attempt");
        RelayTracingPort tagged = attempt.tag("tollgate.channel.id", "ch-1").tag("tollgate.attempt", 1);
        attempt.close();
        request.close();

        // then
        assertThat(request).isSameAs(RelayTracingPort.OFF);
        assertThat(attempt).isSameAs(request);
        assertThat(tagged).isSameAs(request);
        assertThat(attempt.traceparent()).isNull();
    }
}
