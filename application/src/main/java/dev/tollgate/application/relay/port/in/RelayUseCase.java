package dev.tollgate.application.relay.port.in;

import java.util.List;

/** The OpenAI-compatible relay. */
public interface RelayUseCase {
    /** Models the key may use and some enabled channel serves. */
    List<String> listModels(ApiCredentials credentials);

    /** The key's quota and spending. */
    KeyBalance balance(ApiCredentials credentials);

    /**
     * Relays a request (chat completion, completion or embeddings) and writes the answer to the sink.
     *
     * @throws RelayException           refused or failed before anything was written
     * @throws UpstreamErrorPassthrough the upstream refused the request itself
     */
    void relay(RelayCall call, RelaySink sink);

    /**
     * The input tokens of a request, counted with the tokenizer of the model's family, without calling any upstream
     * and without charge (Anthropic's {@code count_tokens}). The key must be valid and allowed the model, and a
     * channel must serve it.
     *
     * @throws RelayException 401 / 403 / 404 as for a relayed request
     */
    long countTokens(RelayCall call);
}
