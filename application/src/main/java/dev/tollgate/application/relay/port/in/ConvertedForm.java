package dev.tollgate.application.relay.port.in;

import java.util.Set;

/**
 * Another form of a relayed call, for channels that cannot take the call as the client made it: a Responses API
 * request becomes a chat completion for channels of other protocols (their adapters convert chat completions), and
 * the answer comes back as chat completions, which the client's sink converts again.
 *
 * @param channelTypes the channel types that get this form
 * @param call         the call in this form (same model, same key; its own endpoint and body)
 */
public record ConvertedForm(Set<String> channelTypes, RelayCall call) {
    /** The channel types that speak another protocol than OpenAI's and have no Responses API. */
    public static final Set<String> OTHER_PROTOCOLS = Set.of("anthropic", "gemini", "vertex", "aws-bedrock");

    public ConvertedForm {
        channelTypes = Set.copyOf(channelTypes);
    }
}
