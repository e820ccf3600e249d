package dev.tollgate.application.relay.port.in;

/** The OpenAI endpoints the relay serves through the same admission, routing and billing. */
public enum RelayEndpoint {
    CHAT_COMPLETIONS("chat/completions", true),
    COMPLETIONS("completions", true),
    EMBEDDINGS("embeddings", false),
    MODERATIONS("moderations", false),
    /** Cohere/Jina-style rerank ({@code query} + {@code documents}), served by SiliconFlow, Jina and others. */
    RERANK("rerank", false);

    private final String path;
    private final boolean generatesOutput;

    RelayEndpoint(String path, boolean generatesOutput) {
        this.path = path;
        this.generatesOutput = generatesOutput;
    }

    /** The path after the API version, e.g. {@code chat/completions}. */
    public String path() {
        return path;
    }

    /** Whether the answer has output tokens (and so a {@code max_tokens} to reserve for). */
    public boolean generatesOutput() {
        return generatesOutput;
    }
}
