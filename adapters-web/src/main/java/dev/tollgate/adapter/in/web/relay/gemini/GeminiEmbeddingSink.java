package dev.tollgate.adapter.in.web.relay.gemini;

import dev.tollgate.adapter.in.web.relay.ForwardingRelaySink;
import dev.tollgate.application.relay.port.in.RelaySink;

/** Writes an OpenAI embeddings answer as Gemini's EmbedContentResponse or BatchEmbedContentsResponse. */
public final class GeminiEmbeddingSink extends ForwardingRelaySink {
    private final GeminiEmbeddings embeddings;
    private final boolean batch;

    public GeminiEmbeddingSink(RelaySink out, GeminiEmbeddings embeddings, boolean batch) {
        super(out);
        this.embeddings = embeddings;
        this.batch = batch;
    }

    @Override
    public void sendJson(int status, byte[] body) {
        out.sendJson(status, status == 200 ? embeddings.toResponse(body, batch) : body);
    }
}
