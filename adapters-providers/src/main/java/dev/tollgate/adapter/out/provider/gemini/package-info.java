/**
 * Outbound adapter for Google's Gemini API ({@code generativelanguage.googleapis.com}, {@code v1beta}): serves
 * OpenAI-shaped chat completions and embeddings on channels of type {@code gemini}.
 *
 * <p>{@link dev.tollgate.adapter.out.provider.gemini.GeminiConversion} converts requests and answers (pure JSON),
 * {@link dev.tollgate.adapter.out.provider.gemini.GeminiStreamConverter} turns {@code streamGenerateContent?alt=sse}
 * events into OpenAI chunks, and {@link dev.tollgate.adapter.out.provider.gemini.GeminiChatUpstream} does the HTTP
 * (key in the {@code x-goog-api-key} header, never in the URL).
 */
package dev.tollgate.adapter.out.provider.gemini;
