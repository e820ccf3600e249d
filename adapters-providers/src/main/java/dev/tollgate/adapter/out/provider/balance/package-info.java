/**
 * Outbound adapter that asks providers how much credit a channel's upstream account has left (OpenAI-style billing
 * endpoints, DeepSeek, SiliconFlow, OpenRouter).
 */
package dev.tollgate.adapter.out.provider.balance;
