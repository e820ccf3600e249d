package dev.tollgate.adapter.in.web.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {
    private final UpstreamErrors errors = new UpstreamErrors(new ObjectMapper());

    private UpstreamErrors.Refusal read(int status, String body) {
        return errors.read(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenMessagesThatLeakSecretsAndTheProvidersInside_whenCleaned_thenNoneIsLeft() {
        assertThat(UpstreamErrors.clean("Incorrect API key provided: sk-proj-abcDEF908172. See https://x.example/k"))
                .isEqualTo("Incorrect API key provided: [redacted]. See [url]");
        assertThat(UpstreamErrors.clean("API key AIzaSyA9081726354abcdefghijklmnop is invalid"))
                .isEqualTo("API key [redacted] is invalid");
        assertThat(UpstreamErrors.clean("connect to 172.16.0.9:443 and [fd00::1]:8443 failed"))
                .isEqualTo("connect to [address] and [address] failed");
        assertThat(UpstreamErrors.clean("backend vllm-0.models.svc.cluster.local refused; try ollama.lan:11434"))
                .doesNotContain("vllm-0", "ollama.lan", "11434");
        assertThat(UpstreamErrors.clean("line one\r\nline two")).isEqualTo("line one line two");
        assertThat(UpstreamErrors.clean("x".repeat(5_000))).hasSizeLessThan(1_010);
    }

    @Test
    void givenEachProvidersErrorShape_whenRead_thenTypeCodeAndMessageAreFound() {
        // OpenAI
        assertThat(read(
                        400,
                        "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"n\","
                                + "\"code\":\"invalid_value\"}}"))
                .isEqualTo(new UpstreamErrors.Refusal("bad", "invalid_request_error", "invalid_value", "n"));
        // Anthropic
        assertThat(read(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"m\"}}"))
                .isEqualTo(new UpstreamErrors.Refusal("m", "invalid_request_error", null, null));
        // Google
        assertThat(read(400, "{\"error\":{\"code\":400,\"message\":\"g\",\"status\":\"INVALID_ARGUMENT\"}}"))
                .isEqualTo(new UpstreamErrors.Refusal("g", "INVALID_ARGUMENT", "400", null));
        // Bedrock
        assertThat(read(400, "{\"message\":\"b\"}"))
                .isEqualTo(new UpstreamErrors.Refusal("b", "upstream_error", null, null));
    }

    @Test
    void givenABodyThatIsNotJson_whenRead_thenNothingOfItIsPassedOn() {
        UpstreamErrors.Refusal refusal = read(403, "<html>nginx at 10.1.1.1 denied</html>");

        assertThat(refusal.message()).isEqualTo("the upstream refused the request (status 403)");
        assertThat(new String(errors.openAi(refusal), StandardCharsets.UTF_8))
                .contains("\"type\":\"upstream_error\"")
                .doesNotContain("nginx");
    }
}
