/**
 * Outbound adapter for Google Vertex AI on channels of type {@code vertex}: OpenAI-shaped chat completions served by
 * Gemini models ({@code publishers/google/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse})
 * and by Anthropic's Claude models ({@code publishers/anthropic/models/{model}:rawPredict},
 * {@code :streamRawPredict}).
 *
 * <p>{@link dev.tollgate.adapter.out.provider.vertex.VertexChatUpstream} does the HTTP and reuses the Gemini and
 * Anthropic adapters' public conversions; {@link dev.tollgate.adapter.out.provider.vertex.ServiceAccountTokens}
 * turns the channel key (a service-account JSON key) into OAuth 2.0 access tokens with the JWT bearer grant and
 * caches them. Neither the key, the signed assertion nor the access token is ever logged or put in a message.
 */
package dev.tollgate.adapter.out.provider.vertex;
