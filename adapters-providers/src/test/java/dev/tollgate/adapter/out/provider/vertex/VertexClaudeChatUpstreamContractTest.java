package dev.tollgate.adapter.out.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Received;
import dev.tollgate.adapter.out.provider.anthropic.AnthropicChatUpstreamContractTest;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider contract for Vertex AI channels serving a Claude model: Anthropic's answers, Vertex's rawPredict path
 * and a bearer token exchanged for the channel's service-account key at a local token endpoint.
 */
class VertexClaudeChatUpstreamContractTest extends AnthropicChatUpstreamContractTest {
    private static final String MODEL = "claude-sonnet-4-5@20250929";

    @RegisterExtension
    final VertexTokenEndpoint tokens = new VertexTokenEndpoint();

    @Override
    protected ChatUpstreamPort adapter() {
        return new VertexChatUpstream(SETTINGS);
    }

    @Override
    protected UpstreamTarget target(String baseUrl) {
        return new UpstreamTarget("ch-vertex", "vertex", baseUrl, tokens.keyJson(), VertexTokenEndpoint.OPTIONS);
    }

    @Override
    protected String upstreamModel() {
        return MODEL;
    }

    @Override
    protected void assertAddressedWithCredentials(Received sent, boolean stream) throws Exception {
        assertThat(sent.path())
                .isEqualTo(VertexTokenEndpoint.modelPath("anthropic", MODEL)
                        + (stream ? ":streamRawPredict" : ":rawPredict"));
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + VertexTokenEndpoint.TOKEN);
        assertThat(sent.headers()).doesNotContainKeys("x-api-key", "anthropic-version");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(body.has("model")).isFalse();
        assertThat(tokens.exchanges()).isEqualTo(1);
    }
}
