package dev.tollgate.adapter.in.web.relay;

import dev.tollgate.application.relay.port.in.RelaySink;

/** Writes an OpenAI embeddings answer as Gemini's EmbedContentResponse or BatchEmbedContentsResponse. */
final class GeminiEmbeddingSink implements RelaySink {
    private final RelaySink out;
    private final GeminiEmbeddings embeddings;
    private final boolean batch;

    GeminiEmbeddingSink(RelaySink out, GeminiEmbeddings embeddings, boolean batch) {
        this.out = out;
        this.embeddings = embeddings;
        this.batch = batch;
    }

    @Override
    public void sendJson(int status, byte[] body) {
        out.sendJson(status, status == 200 ? embeddings.toResponse(body, batch) : body);
    }

    @Override
    public void sendBody(int status, String contentType, byte[] body) {
        out.sendBody(status, contentType, body);
    }

    @Override
    public void startBinary(String contentType) {
        out.startBinary(contentType);
    }

    @Override
    public void sendBytes(byte[] bytes) {
        out.sendBytes(bytes);
    }

    @Override
    public void startStream() {
        out.startStream();
    }

    @Override
    public void sendEvent(byte[] data) {
        out.sendEvent(data);
    }

    @Override
    public void sendNamedEvent(String event, byte[] data) {
        out.sendNamedEvent(event, data);
    }

    @Override
    public void sendComment(byte[] text) {
        out.sendComment(text);
    }

    @Override
    public void sendDone() {
        out.sendDone();
    }
}
