package dev.tollgate.application.relay.port.out;

/**
 * A complete (non-streamed) successful answer.
 *
 * @param body  the JSON to send to the client, with the model name restored to the one the client asked for
 * @param usage the usage reported, or {@code null} when the upstream reported none
 * @param text  the generated text (content, reasoning, tool-call arguments), counted when usage is missing
 */
public record CompletedChat(byte[] body, Usage usage, String text) {
}
