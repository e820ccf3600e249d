package dev.tollgate.application.relay.port.in;

/**
 * OpenAI's Realtime API ({@code GET /v1/realtime?model=}, a WebSocket) relayed to an OpenAI or Azure OpenAI channel
 * that serves the model. Every response of a session is a metered request: admitted (its bounded worst case held)
 * before it is generated, settled with its usage when it is done, and settled or released however the session ends.
 */
public interface RealtimeUseCase {
    /**
     * Everything that can be refused before the client's connection is upgraded: the model is allowed to the key,
     * priced (text and audio) and served by a realtime channel; the key and its organisation are under their limits of
     * concurrent sessions; and an upstream session is connected (another channel is tried when one fails). Takes the
     * session's slots; the caller must {@link RealtimeSessionUseCase#start} or {@link RealtimeSessionUseCase#abandon} it.
     *
     * @param openAiBeta the client's {@code OpenAI-Beta} value ({@code realtime=v1}: OpenAI's beta protocol), or null
     * @throws RelayException 403 / 404 / 400 / 429 / 502 / 503, before anything is upgraded
     */
    RealtimeSessionUseCase open(AuthenticatedKey caller, String model, String openAiBeta);

    /** Ends the sessions idle or open for longer than allowed (called about once a second). */
    void expireSessions();

    /** Sessions open on this node. */
    int openSessions();
}
