package dev.tollgate.application.upstream.port.out;

/** The OpenAI endpoints the relay serves through the same admission, routing and billing. */
public enum RelayEndpoint {
    CHAT_COMPLETIONS("chat/completions", true),
    COMPLETIONS("completions", true),
    EMBEDDINGS("embeddings", false),
    MODERATIONS("moderations", false),
    /** Cohere/Jina-style rerank ({@code query} + {@code documents}), served by SiliconFlow, Jina and others. */
    RERANK("rerank", false),
    /**
     * OpenAI's Responses API: {@code input} and {@code max_output_tokens}; streams are named events
     * ({@code event: response.output_text.delta}) that end without {@code [DONE]}; usage is
     * {@code input_tokens}/{@code output_tokens}.
     */
    RESPONSES("responses", true),
    /** Image generation: priced per image (and per token for token-billed image models). */
    IMAGES_GENERATIONS("images/generations", false),
    /** Image edits (multipart, forwarded byte for byte). */
    IMAGES_EDITS("images/edits", false),
    /** Image variations (multipart, forwarded byte for byte). */
    IMAGES_VARIATIONS("images/variations", false),
    /** Text to speech: priced per input character; the answer is audio, streamed through as it arrives. */
    AUDIO_SPEECH("audio/speech", false),
    /** Speech to text (multipart): priced per audio second or per token, as the provider reports. */
    AUDIO_TRANSCRIPTIONS("audio/transcriptions", false),
    /** Speech to English text (multipart), priced like transcriptions. */
    AUDIO_TRANSLATIONS("audio/translations", false);

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

    /** The name of the output limit field in the request body. */
    public String maxTokensField() {
        return this == RESPONSES ? "max_output_tokens" : "max_tokens";
    }

    /** Whether a stream of this endpoint ends with {@code data: [DONE]}. */
    public boolean streamEndsWithDone() {
        return this != RESPONSES;
    }

    /** Whether the request body is {@code multipart/form-data} (forwarded as is, with its boundary). */
    public boolean multipart() {
        return this == IMAGES_EDITS
                || this == IMAGES_VARIATIONS
                || this == AUDIO_TRANSCRIPTIONS
                || this == AUDIO_TRANSLATIONS;
    }

    /** Whether the answer is a set of generated images. */
    public boolean images() {
        return this == IMAGES_GENERATIONS || this == IMAGES_EDITS || this == IMAGES_VARIATIONS;
    }

    /** Whether the request is audio to be transcribed. */
    public boolean transcription() {
        return this == AUDIO_TRANSCRIPTIONS || this == AUDIO_TRANSLATIONS;
    }

    /** Whether the answer has output tokens (and so a {@code max_tokens} to reserve for). */
    public boolean generatesOutput() {
        return generatesOutput;
    }
}
