package dev.tollgate.adapter.out.provider.openai;

import dev.tollgate.adapter.out.provider.ProviderHttpSettings;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;

/**
 * The provider contract for OpenAI-compatible channels over the blocking HTTP/1.1 transport
 * ({@code tollgate.upstream.transport=blocking}): the same behaviour as over the JDK's client.
 */
class OpenAiChatUpstreamBlockingContractTest extends OpenAiChatUpstreamContractTest {
    @Override
    protected ChatUpstreamPort adapter() {
        return new OpenAiChatUpstream(new ProviderHttpSettings(
                SETTINGS.connectTimeout(), SETTINGS.streamIdleTimeout(), SETTINGS.maxErrorBodyBytes(), true));
    }
}
