/**
 * Outbound adapter serving OpenAI-shaped chat completions from AWS Bedrock Runtime's Converse and ConverseStream
 * APIs, without the AWS SDK.
 *
 * <p>{@link dev.tollgate.adapter.out.provider.bedrock.BedrockConversion} turns a chat completions request into a
 * Converse request and a Converse answer back into a {@code chat.completion};
 * {@link dev.tollgate.adapter.out.provider.bedrock.SigV4Signer} signs requests with AWS Signature Version 4;
 * {@link dev.tollgate.adapter.out.provider.bedrock.EventStreamDecoder} reads the binary event-stream framing of a
 * ConverseStream answer, whose events {@code BedrockStreamConverter} turns into {@code chat.completion.chunk}
 * objects; {@link dev.tollgate.adapter.out.provider.bedrock.BedrockChatUpstream} sends the request and enforces the
 * first-byte, idle and total time-outs.
 */
package dev.tollgate.adapter.out.provider.bedrock;
