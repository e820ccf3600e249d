package dev.tollgate.adapter.out.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Received;
import dev.tollgate.adapter.out.provider.gemini.GeminiChatUpstreamContractTest;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider contract for Vertex AI channels serving a Gemini model: Gemini's answers, Vertex's path and a bearer
 * token exchanged for the channel's service-account key at a local token endpoint.
 */
class VertexChatUpstreamContractTest extends GeminiChatUpstreamContractTest {
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
    protected void assertAddressedWithCredentials(Received sent, boolean stream) {
        assertThat(sent.path())
                .isEqualTo(VertexTokenEndpoint.modelPath("google", MODEL)
                        + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
        assertThat(sent.headers().get("authorization")).isEqualTo("Bearer " + VertexTokenEndpoint.TOKEN);
        assertThat(sent.headers()).doesNotContainKey("x-goog-api-key");
        assertThat(tokens.exchanges()).isEqualTo(1);
    }
}
