package dev.tollgate.adapter.out.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.Usage;
import java.io.IOException;

/**
 * Reads what billing needs from one event of a chat completion stream ({@code chat.completion.chunk}) with Jackson's
 * streaming parser, without building the event's tree: the generated text (each choice's {@code delta.content},
 * {@code delta.reasoning_content}, {@code delta.tool_calls[].function.arguments}, then its {@code text}) and the
 * {@code usage}. The event's bytes are passed on as they came. Building a tree of every event was about a tenth of a
 * streaming relay's CPU.
 *
 * <p>It gives the very chunk the tree would ({@link OpenAiChatUpstream#fromTree}) or, for an event it does not read
 * the same way, nothing: the caller then reads the tree. Such events are those that are not one well-formed JSON
 * object, those with anything after it, with a member this scan reads given twice (a tree keeps the last), with
 * {@code choices} or {@code tool_calls} an object (a tree iterates its values).
 */
final class ChatChunkScan {
    private ChatChunkScan() {}

    /** The chunk of {@code data}, or {@code null} when it must be read as a tree. */
    static StreamChunk of(ObjectMapper mapper, byte[] data) {
        try (JsonParser parser = mapper.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            StringBuilder text = new StringBuilder();
            JsonNode usage = null;
            boolean seenUsage = false;
            boolean seenChoices = false;
            int choices = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("choices".equals(name)) {
                    seenChoices = once(seenChoices);
                    if (value != JsonToken.START_ARRAY) {
                        return null; // not an array: a tree would iterate an object's values; anything else, none
                    }
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        choices++;
                        choice(parser, text);
                    }
                } else if ("usage".equals(name)) {
                    seenUsage = once(seenUsage);
                    if (value == JsonToken.START_OBJECT) {
                        usage = parser.readValueAsTree();
                    } else {
                        usage = null;
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
            Usage counted = null;
            if (usage != null) { // most events carry none: no holder to build
                ObjectNode holder = mapper.createObjectNode();
                holder.set("usage", usage);
                counted = OpenAiChatUpstream.usage(holder);
            }
            boolean usageOnly = counted != null && choices == 0;
            return new StreamChunk(data, counted, usageOnly, text.toString());
        } catch (IOException | Unusual e) {
            return null;
        }
    }

    /** One element of {@code choices}, the parser on its first token: its delta's text, then its own. */
    private static void choice(JsonParser parser, StringBuilder text) throws IOException, Unusual {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren(); // not an object: no text
            return;
        }
        Delta delta = null;
        String own = null;
        boolean seenDelta = false;
        boolean seenText = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("delta".equals(name)) {
                seenDelta = once(seenDelta);
                delta = value == JsonToken.START_OBJECT ? delta(parser) : null;
                if (delta == null) {
                    parser.skipChildren();
                }
            } else if ("text".equals(name)) {
                seenText = once(seenText);
                own = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                parser.skipChildren();
            } else {
                parser.skipChildren();
            }
        }
        if (delta != null) {
            delta.appendTo(text);
        }
        if (own != null) {
            text.append(own);
        }
    }

    /** A delta object, the parser on its start; leaves the parser on its end. */
    private static Delta delta(JsonParser parser) throws IOException, Unusual {
        String content = null;
        String reasoning = null;
        StringBuilder arguments = null;
        boolean seenContent = false;
        boolean seenReasoning = false;
        boolean seenCalls = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "content" -> {
                    seenContent = once(seenContent);
                    content = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    parser.skipChildren();
                }
                case "reasoning_content" -> {
                    seenReasoning = once(seenReasoning);
                    reasoning = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    parser.skipChildren();
                }
                case "tool_calls" -> {
                    seenCalls = once(seenCalls);
                    if (value == JsonToken.START_OBJECT) {
                        throw new Unusual();
                    }
                    arguments = value == JsonToken.START_ARRAY ? toolCalls(parser) : null;
                    if (arguments == null) {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new Delta(content, reasoning, arguments);
    }

    /** The arguments of every {@code tool_calls} element in order, the parser on the array's start. */
    private static StringBuilder toolCalls(JsonParser parser) throws IOException, Unusual {
        StringBuilder arguments = new StringBuilder();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            String these = null;
            boolean seenFunction = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("function".equals(name)) {
                    seenFunction = once(seenFunction);
                    these = value == JsonToken.START_OBJECT ? arguments(parser) : null;
                    if (value != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (these != null) {
                arguments.append(these);
            }
        }
        return arguments;
    }

    /** A function object's {@code arguments} when text, the parser on its start; leaves it on its end. */
    private static String arguments(JsonParser parser) throws IOException, Unusual {
        String arguments = null;
        boolean seen = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("arguments".equals(name)) {
                seen = once(seen);
                arguments = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            }
            parser.skipChildren();
        }
        return arguments;
    }

    /** Marks a member as seen; a second one is read as a tree (which keeps the last). */
    private static boolean once(boolean seen) throws Unusual {
        if (seen) {
            throw new Unusual();
        }
        return true;
    }

    private record Delta(String content, String reasoning, StringBuilder arguments) {
        void appendTo(StringBuilder text) {
            if (content != null) {
                text.append(content);
            }
            if (reasoning != null) {
                text.append(reasoning);
            }
            if (arguments != null) {
                text.append(arguments);
            }
        }
    }

    /** An event this scan does not read as a tree would. */
    private static final class Unusual extends Exception {
        Unusual() {
            super(null, null, false, false);
        }
    }
}
