package dev.tollgate.adapter.out.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.InlineImage;
import dev.tollgate.adapter.out.provider.ReasoningBudget;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Converts an OpenAI chat completions request to Gemini's {@code generateContent} body (pure JSON, no I/O apart from
 * the image fetcher handed in).
 *
 * <p>Fields mapped: {@code messages} (system/developer → {@code systemInstruction}, user → {@code user},
 * assistant → {@code model}, tool → {@code user} with {@code functionResponse} parts; text, {@code image_url} and
 * {@code input_audio} parts), {@code tools} (functions only), {@code tool_choice}, {@code temperature},
 * {@code top_p}, {@code max_completion_tokens}/{@code max_tokens}, {@code stop}, {@code n}, {@code seed},
 * {@code presence_penalty}, {@code frequency_penalty}, {@code response_format} and {@code reasoning_effort} (a
 * {@code thinkingConfig} budget from {@link ReasoningBudget}, thoughts included). Every other field is dropped,
 * notably {@code model} and {@code stream} (they are in the URL), {@code stream_options}, {@code user},
 * {@code logit_bias}, {@code logprobs}, {@code top_logprobs}, {@code parallel_tool_calls},
 * {@code store}, {@code metadata}, {@code service_tier}, {@code modalities}, {@code audio}, {@code prediction},
 * {@code web_search_options} and the legacy {@code functions}/{@code function_call}; assistant
 * {@code reasoning_content} and message {@code name}s are not sent either.
 *
 * <p>Tool and response schemas are reduced to the OpenAPI subset Gemini's {@code Schema} accepts (unknown keywords
 * such as {@code additionalProperties}, {@code $schema} or {@code strict} are removed; {@code type: [T, "null"]}
 * becomes {@code type: T, nullable: true}).
 *
 * <p>Invalid input raises {@link IllegalArgumentException} with a message fit for the client.
 */
public final class GeminiChatRequests {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Gemini's smallest thinking budget (2.5 Pro: 128 tokens). */
    private static final long MIN_THINKING_BUDGET = 128;
    /** The output limit a thinking budget is cut to when the request sets none (the relay reserves as much). */
    private static final long DEFAULT_OUTPUT_LIMIT = 4096;

    /** The keywords of Gemini's {@code Schema} object that are copied from a JSON schema. */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of(
            "type",
            "format",
            "title",
            "description",
            "nullable",
            "enum",
            "maxItems",
            "minItems",
            "properties",
            "required",
            "minProperties",
            "maxProperties",
            "minLength",
            "maxLength",
            "pattern",
            "example",
            "anyOf",
            "propertyOrdering",
            "default",
            "items",
            "minimum",
            "maximum");

    private GeminiChatRequests() {}

    /**
     * The {@code generateContent} body for an OpenAI chat completions request.
     *
     * @param client            the client's body
     * @param maxTokensOverride the output limit to send instead of the client's, or null
     * @param imageFetcher      fetches http(s) image URLs (may throw {@link IllegalArgumentException})
     */
    public static ObjectNode chatRequest(
            JsonNode client, Long maxTokensOverride, Function<String, InlineImage> imageFetcher) {
        if (client == null || !client.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        JsonNode messages = client.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must be a non-empty array");
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode contents = NODES.arrayNode();
        ArrayNode systemParts = NODES.arrayNode();
        Map<String, String> toolNames = new HashMap<>();
        ObjectNode previous = null;
        String previousRole = null;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> appendTextParts(message.path("content"), systemParts, role);
                case "user" -> {
                    previous = content(contents, "user", userParts(message.path("content"), imageFetcher));
                    previousRole = role;
                }
                case "assistant" -> {
                    previous = content(contents, "model", assistantParts(message, toolNames));
                    previousRole = role;
                }
                case "tool" -> {
                    ObjectNode part = functionResponse(message, toolNames);
                    if ("tool".equals(previousRole) && previous != null) {
                        // the answers to one turn's calls go together, as Gemini expects
                        ((ArrayNode) previous.get("parts")).add(part);
                    } else {
                        ArrayNode parts = NODES.arrayNode().add(part);
                        previous = content(contents, "user", parts);
                    }
                    previousRole = role;
                }
                default -> throw new IllegalArgumentException("unsupported message role: " + role);
            }
        }
        if (contents.isEmpty()) {
            throw new IllegalArgumentException("messages must contain at least one user message");
        }
        out.set("contents", contents);
        if (!systemParts.isEmpty()) {
            out.putObject("systemInstruction").set("parts", systemParts);
        }
        ArrayNode declarations = NODES.arrayNode();
        for (JsonNode tool : client.path("tools")) {
            if (!"function".equals(tool.path("type").asText("function"))) {
                continue;
            }
            JsonNode function = tool.path("function");
            if (!function.path("name").isTextual()) {
                throw new IllegalArgumentException("every function tool needs a name");
            }
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", function.path("name").textValue());
            if (function.path("description").isTextual()) {
                declaration.put("description", function.path("description").textValue());
            }
            // Gemini refuses an object schema without properties: a function without parameters declares none
            if (function.path("parameters").isObject()
                    && !function.path("parameters").path("properties").isEmpty()) {
                declaration.set("parameters", schema(function.path("parameters")));
            }
        }
        if (!declarations.isEmpty()) {
            out.putArray("tools").addObject().set("functionDeclarations", declarations);
        }
        ObjectNode callingConfig = functionCallingConfig(client.path("tool_choice"));
        if (callingConfig != null) {
            out.putObject("toolConfig").set("functionCallingConfig", callingConfig);
        }
        ObjectNode config = generationConfig(client, maxTokensOverride);
        if (!config.isEmpty()) {
            out.set("generationConfig", config);
        }
        return out;
    }

    private static ObjectNode content(ArrayNode contents, String role, ArrayNode parts) {
        ObjectNode content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
        return content;
    }

    /** Text of a system, developer or tool message: a string or an array of text parts. */
    private static void appendTextParts(JsonNode content, ArrayNode parts, String role) {
        if (content.isTextual()) {
            parts.addObject().put("text", content.textValue());
            return;
        }
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText())
                        || !part.path("text").isTextual()) {
                    throw new IllegalArgumentException("a " + role + " message may contain text parts only");
                }
                parts.addObject().put("text", part.path("text").textValue());
            }
            return;
        }
        if (!content.isMissingNode() && !content.isNull()) {
            throw new IllegalArgumentException("a " + role + " message's content must be a string or an array");
        }
    }

    private static ArrayNode userParts(JsonNode content, Function<String, InlineImage> imageFetcher) {
        ArrayNode parts = NODES.arrayNode();
        if (content.isTextual()) {
            parts.addObject().put("text", content.textValue());
            return parts;
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException("a user message's content must be a string or an array");
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> parts.addObject().put("text", part.path("text").asText(""));
                case "image_url" -> {
                    JsonNode image = part.path("image_url");
                    String url = image.isTextual()
                            ? image.textValue()
                            : image.path("url").asText("");
                    InlineImage inline = image(url, imageFetcher);
                    inlineData(parts, inline.mimeType(), inline.data());
                }
                case "input_audio" -> {
                    JsonNode audio = part.path("input_audio");
                    String format = audio.path("format").asText("wav").toLowerCase(Locale.ROOT);
                    inlineData(
                            parts,
                            "audio/" + ("mp3".equals(format) ? "mpeg" : format),
                            audio.path("data").asText(""));
                }
                default ->
                    throw new IllegalArgumentException(
                            "the gemini channel type does not support content parts of type " + type);
            }
        }
        return parts;
    }

    private static void inlineData(ArrayNode parts, String mimeType, String data) {
        ObjectNode inline = parts.addObject().putObject("inlineData");
        inline.put("mimeType", mimeType);
        inline.put("data", data);
    }

    /** A {@code data:} URL decoded in place, or an http(s) URL fetched. */
    static InlineImage image(String url, Function<String, InlineImage> imageFetcher) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !meta.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new IllegalArgumentException("an image data URL must be base64-encoded");
            }
            String mimeType = meta.substring(0, meta.length() - ";base64".length());
            int semicolon = mimeType.indexOf(';');
            mimeType = semicolon < 0 ? mimeType : mimeType.substring(0, semicolon);
            return new InlineImage(mimeType.isEmpty() ? "image/jpeg" : mimeType, url.substring(comma + 1));
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            InlineImage fetched = imageFetcher.apply(url);
            if (fetched == null) {
                throw new IllegalArgumentException("the image could not be fetched");
            }
            return fetched;
        }
        throw new IllegalArgumentException("an image_url must be a data: or http(s) URL");
    }

    private static ArrayNode assistantParts(JsonNode message, Map<String, String> toolNames) {
        ArrayNode parts = NODES.arrayNode();
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                parts.addObject().put("text", content.textValue());
            }
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())
                        && part.path("text").isTextual()) {
                    parts.addObject().put("text", part.path("text").textValue());
                } else if (!"refusal".equals(part.path("type").asText())) {
                    throw new IllegalArgumentException("an assistant message may contain text parts only");
                }
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String name = function.path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("every assistant tool call needs a function name");
            }
            if (call.path("id").isTextual()) {
                toolNames.put(call.path("id").textValue(), name);
            }
            ObjectNode functionCall = parts.addObject().putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", arguments(function.path("arguments")));
        }
        if (parts.isEmpty()) {
            // Gemini rejects a content without parts; an empty assistant turn still keeps the turn order
            parts.addObject().put("text", "");
        }
        return parts;
    }

    private static JsonNode arguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return NODES.objectNode();
        }
        try {
            JsonNode parsed = MAPPER.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalArgumentException("tool call arguments must be a JSON object");
    }

    private static ObjectNode functionResponse(JsonNode message, Map<String, String> toolNames) {
        String id = message.path("tool_call_id").asText("");
        String name = toolNames.get(id);
        if (name == null) {
            name = message.path("name").asText("");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a tool message refers to an unknown tool_call_id: " + id);
        }
        ArrayNode textParts = NODES.arrayNode();
        appendTextParts(message.path("content"), textParts, "tool");
        StringBuilder text = new StringBuilder();
        textParts.forEach(p -> text.append(p.path("text").asText()));
        JsonNode result = null;
        try {
            JsonNode parsed = MAPPER.readTree(text.toString());
            if (parsed != null && parsed.isObject()) {
                result = parsed;
            }
        } catch (IOException e) {
            // not JSON: sent as text
        }
        if (result == null) {
            result = NODES.objectNode().put("result", text.toString());
        }
        ObjectNode part = NODES.objectNode();
        ObjectNode response = part.putObject("functionResponse");
        response.put("name", name);
        response.putObject("response").set("content", result);
        return part;
    }

    private static ObjectNode functionCallingConfig(JsonNode choice) {
        if (choice.isTextual()) {
            String mode = switch (choice.textValue()) {
                case "auto" -> "AUTO";
                case "none" -> "NONE";
                case "required" -> "ANY";
                default -> throw new IllegalArgumentException("unsupported tool_choice: " + choice.textValue());
            };
            return NODES.objectNode().put("mode", mode);
        }
        if (choice.isObject()) {
            String name = choice.path("function").path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("tool_choice must name a function");
            }
            ObjectNode config = NODES.objectNode().put("mode", "ANY");
            config.putArray("allowedFunctionNames").add(name);
            return config;
        }
        return null;
    }

    private static ObjectNode generationConfig(JsonNode client, Long maxTokensOverride) {
        ObjectNode config = NODES.objectNode();
        copyNumber(client, "temperature", config, "temperature");
        copyNumber(client, "top_p", config, "topP");
        if (maxTokensOverride != null) {
            config.put("maxOutputTokens", maxTokensOverride);
        } else if (client.path("max_completion_tokens").isNumber()) {
            config.put("maxOutputTokens", client.path("max_completion_tokens").asLong());
        } else if (client.path("max_tokens").isNumber()) {
            config.put("maxOutputTokens", client.path("max_tokens").asLong());
        }
        JsonNode stop = client.path("stop");
        if (stop.isTextual()) {
            config.putArray("stopSequences").add(stop.textValue());
        } else if (stop.isArray() && !stop.isEmpty()) {
            ArrayNode sequences = config.putArray("stopSequences");
            stop.forEach(s -> sequences.add(s.asText()));
        }
        long limit = config.path("maxOutputTokens").asLong(DEFAULT_OUTPUT_LIMIT);
        ReasoningBudget.of(client, limit, MIN_THINKING_BUDGET)
                .ifPresent(budget -> config.putObject("thinkingConfig")
                        .put("thinkingBudget", budget)
                        .put("includeThoughts", true));
        copyNumber(client, "n", config, "candidateCount");
        copyNumber(client, "seed", config, "seed");
        copyNumber(client, "presence_penalty", config, "presencePenalty");
        copyNumber(client, "frequency_penalty", config, "frequencyPenalty");
        JsonNode format = client.path("response_format");
        switch (format.path("type").asText("")) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    config.set("responseSchema", schema(schema));
                }
            }
            default -> {
                // "text" or none: Gemini's default
            }
        }
        return config;
    }

    private static void copyNumber(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = from.path(field);
        if (value.isNumber()) {
            to.set(target, value);
        }
    }

    /** A JSON schema reduced to the subset Gemini's {@code Schema} accepts. */
    static ObjectNode schema(JsonNode source) {
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!SCHEMA_KEYWORDS.contains(key)) {
                continue;
            }
            switch (key) {
                case "type" -> {
                    if (value.isArray()) {
                        // ["string", "null"]: Gemini states nullability apart
                        for (JsonNode t : value) {
                            if ("null".equals(t.asText())) {
                                out.put("nullable", true);
                            } else if (!out.has("type")) {
                                out.put("type", t.asText());
                            }
                        }
                    } else {
                        out.set("type", value);
                    }
                }
                case "properties" -> {
                    ObjectNode properties = out.putObject("properties");
                    value.fields()
                            .forEachRemaining(p -> properties.set(
                                    p.getKey(), p.getValue().isObject() ? schema(p.getValue()) : p.getValue()));
                }
                case "items" -> out.set("items", value.isObject() ? schema(value) : value);
                case "anyOf" -> {
                    ArrayNode any = out.putArray("anyOf");
                    value.forEach(s -> any.add(s.isObject() ? schema(s) : s));
                }
                default -> out.set(key, value);
            }
        }
        return out;
    }
}
