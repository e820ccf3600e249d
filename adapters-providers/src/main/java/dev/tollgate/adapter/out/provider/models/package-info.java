/**
 * Outbound adapter that asks providers for the models a channel's upstream account serves (the OpenAI family's
 * {@code /v1/models}, Anthropic's {@code /v1/models}, Gemini's {@code /v1beta/models}).
 */
package dev.tollgate.adapter.out.provider.models;
