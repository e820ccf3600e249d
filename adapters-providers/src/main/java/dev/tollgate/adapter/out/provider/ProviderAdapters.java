package dev.tollgate.adapter.out.provider;

import dev.tollgate.adapter.out.provider.anthropic.AnthropicChatUpstream;
import dev.tollgate.adapter.out.provider.bedrock.BedrockChatUpstream;
import dev.tollgate.adapter.out.provider.fetch.GuardedUrlFetcher;
import dev.tollgate.adapter.out.provider.gemini.GeminiChatUpstream;
import dev.tollgate.adapter.out.provider.openai.OpenAiChatUpstream;
import dev.tollgate.adapter.out.provider.vertex.VertexChatUpstream;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import java.util.Map;

/** Builds the provider side of the relay: one adapter per protocol behind a {@link ProviderRouter}. */
public final class ProviderAdapters {
    private ProviderAdapters() {}

    /**
     * The OpenAI-compatible adapter for every type of that family, Anthropic's for {@code anthropic} and Gemini's for
     * {@code gemini}, Vertex's for {@code vertex}, Bedrock's for {@code aws-bedrock}. Images a provider needs inline
     * (Gemini, Vertex's Gemini, Bedrock) are fetched only through the SSRF-guarded fetcher.
     */
    public static ChatUpstreamPort create(ProviderHttpSettings settings) {
        GuardedUrlFetcher fetcher = new GuardedUrlFetcher();
        return new ProviderRouter(
                new OpenAiChatUpstream(settings),
                Map.of(
                        "anthropic", new AnthropicChatUpstream(settings),
                        "gemini", new GeminiChatUpstream(settings, InlineImage.fetchedBy(fetcher)),
                        "vertex", new VertexChatUpstream(settings),
                        "aws-bedrock", new BedrockChatUpstream(settings, InlineImage.fetchedBy(fetcher))));
    }
}
