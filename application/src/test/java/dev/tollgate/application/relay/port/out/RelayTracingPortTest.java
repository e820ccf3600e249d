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
        RelayTracingPort.RelaySpan request = tracing.start("tollgate.relay");
        RelayTracingPort.RelaySpan attempt = request.child("tollgate.relay.attempt");
        RelayTracingPort.RelaySpan tagged = attempt.tag("tollgate.channel.id", "ch-1").tag("tollgate.attempt", 1);
        attempt.close();
        request.close();

        // then
        assertThat(request).isSameAs(RelayTracingPort.RelaySpan.NONE);
        assertThat(attempt).isSameAs(request);
        assertThat(tagged).isSameAs(request);
        assertThat(attempt.traceparent()).isNull();
    }
}
