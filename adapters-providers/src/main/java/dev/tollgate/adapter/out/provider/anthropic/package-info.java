/**
 * Outbound adapter serving OpenAI-shaped chat completions from Anthropic's Messages API ({@code POST /v1/messages},
 * {@code x-api-key} and {@code anthropic-version} headers).
 *
 * <p>{@link dev.tollgate.adapter.out.provider.anthropic.AnthropicConversion} turns a chat completions request into a
 * Messages request and a Message back into a {@code chat.completion};
 * {@link dev.tollgate.adapter.out.provider.anthropic.AnthropicStreamConverter} turns the Messages event stream into
 * {@code chat.completion.chunk} objects; {@link dev.tollgate.adapter.out.provider.anthropic.AnthropicChatUpstream}
 * sends the request and enforces the first-byte, idle and total time-outs.
 */
package dev.tollgate.adapter.out.provider.anthropic;
