package dev.tollgate.application.relay.port.in;

import java.util.List;

/** The OpenAI-compatible relay. */
public interface RelayUseCase {
    /** Models the key may use and some enabled channel serves. */
    List<String> listModels(ApiCredentials credentials);

    /** The key's quota and spending. */
    KeyBalance balance(ApiCredentials credentials);

    /**
     * Who calls: the key behind the credentials, checked from memory (401 unknown, disabled, expired or of a disabled
     * owner or organisation; 403 from an address outside its subnets). Called before the request body is read, so a
     * caller without a valid key costs no parse.
     *
     * @throws RelayException 401 / 403
     */
    AuthenticatedKey authenticate(ApiCredentials credentials);

    /**
     * Relays a request of an authenticated caller and writes the answer to the sink.
     *
     * @throws RelayException           refused or failed before anything was written
     * @throws UpstreamErrorPassthrough the upstream refused the request itself
     */
    void relay(AuthenticatedKey caller, RelayCall call, RelaySink sink);

    /**
     * The input tokens of a request, counted with the tokenizer of the model's family, without calling any upstream
     * and without charge (Anthropic's {@code count_tokens}). The caller's key must be allowed the model, and a channel
     * must serve it.
     *
     * @throws RelayException 403 / 404 as for a relayed request
     */
    long countTokens(AuthenticatedKey caller, RelayCall call);
}
