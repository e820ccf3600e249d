package dev.tollgate.adapter.out.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import java.util.List;

/**
 * The OpenAI {@code chat.completion.chunk} events a converted stream is written as (Anthropic's and Bedrock's streams
 * both become these): one choice at index 0 with its delta, the model the client asked for, bytes ready to send.
 */
public final class ChatChunks {
    private final ObjectMapper mapper;
    private final String requestedModel;
    private final long created;

    public ChatChunks(ObjectMapper mapper, String requestedModel, long created) {
        this.mapper = mapper;
        this.requestedModel = requestedModel;
        this.created = created;
    }

    /** A chunk without choices: id, object, created and model. */
    public ObjectNode header(String id) {
        ObjectNode chunk = mapper.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", requestedModel);
        return chunk;
    }

    /** A chunk with one choice whose {@code finish_reason} is null. */
    public ObjectNode chunk(String id) {
        ObjectNode chunk = header(id);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("finish_reason");
        return chunk;
    }

    /** The delta of a chunk's one choice. */
    public static ObjectNode delta(ObjectNode chunk) {
        return (ObjectNode) chunk.get("choices").get(0).get("delta");
    }

    /** Adds a chunk whose delta sets {@code field} to {@code text}; nothing when the text is empty. */
    public void text(List<StreamChunk> out, String id, String field, String text) throws UpstreamException {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode chunk = chunk(id);
        delta(chunk).put(field, text);
        out.add(emit(chunk, text));
    }

    /** Adds the chunk that opens tool call {@code toolIndex}: its id, its name and empty arguments. */
    public void toolCallStart(List<StreamChunk> out, String id, int toolIndex, String callId, String name)
            throws UpstreamException {
        ObjectNode chunk = chunk(id);
        ObjectNode call = delta(chunk).putArray("tool_calls").addObject();
        call.put("index", toolIndex);
        call.put("id", callId);
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "");
        out.add(emit(chunk, ""));
    }

    /** Adds a chunk carrying the next piece of tool call {@code toolIndex}'s arguments. */
    public void toolArguments(List<StreamChunk> out, String id, int toolIndex, String piece) throws UpstreamException {
        ObjectNode chunk = chunk(id);
        ObjectNode call = delta(chunk).putArray("tool_calls").addObject();
        call.put("index", toolIndex);
        call.putObject("function").put("arguments", piece);
        out.add(emit(chunk, piece));
    }

    /** The chunk as an event carrying {@code text} (what the client was shown). */
    public StreamChunk emit(ObjectNode chunk, String text) throws UpstreamException {
        return new StreamChunk(bytes(chunk), null, false, text);
    }

    public byte[] bytes(ObjectNode chunk) throws UpstreamException {
        try {
            return mapper.writeValueAsBytes(chunk);
        } catch (JsonProcessingException e) {
            throw new UpstreamException(UpstreamException.Kind.BROKEN, "a chunk could not be written", e);
        }
    }
}
