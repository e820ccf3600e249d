package dev.tollgate.adapter.out.provider;

import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamChatRequest;
import dev.tollgate.application.upstream.port.out.UpstreamChatResponse;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import java.util.Map;

/**
 * Sends each attempt to the adapter of its channel's protocol: the OpenAI-compatible adapter for every type of that
 * family (the default), and the protocol's own adapter for the types that speak another one ({@code anthropic},
 * {@code gemini}), which convert the OpenAI-shaped request and answer.
 */
public class ProviderRouter implements ChatUpstreamPort {
    private final ChatUpstreamPort openAiFamily;
    private final Map<String, ChatUpstreamPort> byType;

    public ProviderRouter(ChatUpstreamPort openAiFamily, Map<String, ChatUpstreamPort> byType) {
        this.openAiFamily = openAiFamily;
        this.byType = Map.copyOf(byType);
    }

    @Override
    public UpstreamChatResponse send(UpstreamChatRequest request) throws UpstreamException {
        return byType.getOrDefault(request.target().type(), openAiFamily).send(request);
    }
}
