package dev.tollgate.adapter.out.provider.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tollgate.adapter.out.provider.fetch.UpstreamJsonGet;
import dev.tollgate.adapter.out.provider.openai.OpenAiChatUpstream;
import dev.tollgate.application.channel.port.out.UpstreamModelsPort;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ChannelOptions;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists the models of a channel's upstream account, chosen by the channel type:
 * <ul>
 *   <li>the OpenAI family (every type but those below): {@code GET {base}/v1/models} (or {@code {base}/models} when
 *       the base URL ends in a version segment), Bearer key, {@code data[].id};</li>
 *   <li>{@code anthropic}: {@code GET {base}/v1/models?limit=1000}, {@code x-api-key} and {@code anthropic-version},
 *       {@code data[].id};</li>
 *   <li>{@code gemini}: {@code GET {base}/v1beta/models?pageSize=1000}, {@code x-goog-api-key},
 *       {@code models[].name} without its {@code models/} prefix.</li>
 * </ul>
 * {@code azure} (deployments, not models), {@code vertex} and {@code aws-bedrock} publish no list this way: the answer
 * is empty and nothing is sent. The channel's {@code header.<Name>} options go with the request, as on the relay.
 * Each answer is read up to {@value UpstreamJsonGet#MAX_BODY_BYTES} bytes within the time-out; at most
 * {@value UpstreamModelsPort#MAX_MODELS} names of at most {@value #MAX_NAME_LENGTH} characters each are accepted.
 */
public class UpstreamModelsClient implements UpstreamModelsPort {
    /** Longest model name accepted. */
    static final int MAX_NAME_LENGTH = 200;

    private static final Set<String> UNLISTED = Set.of("azure", "vertex", "aws-bedrock");

    private final UpstreamJsonGet json;

    /**
     * @param http           the client that sends the requests (its connect time-out and redirect policy apply)
     * @param requestTimeout longest time the request may take, from sending it to the last byte of the answer
     */
    public UpstreamModelsClient(HttpClient http, Duration requestTimeout) {
        this.json =
                new UpstreamJsonGet(http, requestTimeout, JsonMapper.builder().build());
    }

    @Override
    public Optional<List<String>> list(UpstreamTarget target) throws UpstreamException {
        String type = target.type();
        if (type == null || UNLISTED.contains(type)) {
            return Optional.empty();
        }
        Map<String, String> headers = new LinkedHashMap<>(ChannelOptions.headers(target.options()));
        return Optional.of(
                switch (type) {
                    case "anthropic" -> {
                        headers.put("x-api-key", target.apiKey());
                        headers.put(
                                "anthropic-version", target.options().getOrDefault("anthropicVersion", "2023-06-01"));
                        String base = stripSlashes(target.baseUrl());
                        yield names(
                                json.get(
                                        target,
                                        (base.endsWith("/v1") ? base : base + "/v1") + "/models?limit=1000",
                                        "anthropic models",
                                        headers),
                                "data",
                                "id",
                                "");
                    }
                    case "gemini" -> {
                        headers.put("x-goog-api-key", target.apiKey());
                        String base = stripSlashes(target.baseUrl());
                        yield names(
                                json.get(
                                        target,
                                        (base.endsWith("/v1beta") ? base : base + "/v1beta") + "/models?pageSize=1000",
                                        "gemini models",
                                        headers),
                                "models",
                                "name",
                                "models/");
                    }
                    default -> {
                        headers.put("Authorization", "Bearer " + target.apiKey());
                        yield names(
                                json.get(
                                        target,
                                        OpenAiChatUpstream.endpointUri(stripSlashes(target.baseUrl()), "models")
                                                .toString(),
                                        type + " models",
                                        headers),
                                "data",
                                "id",
                                "");
                    }
                });
    }

    /** The {@code field} of each object in the answer's {@code array}, without {@code prefix}, sorted, unique. */
    private static List<String> names(JsonNode answer, String array, String field, String prefix)
            throws UpstreamException {
        JsonNode items = answer.get(array);
        if (items == null || !items.isArray()) {
            throw UpstreamJsonGet.broken("the models answer has no " + array + " array");
        }
        if (items.size() > MAX_MODELS) {
            throw UpstreamJsonGet.broken("the models answer lists more than " + MAX_MODELS + " models");
        }
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode item : items) {
            JsonNode name = item.get(field);
            if (name == null || !name.isTextual() || name.textValue().isBlank()) {
                throw UpstreamJsonGet.broken("a model in the models answer has no " + field);
            }
            String text = name.textValue().strip();
            text = text.startsWith(prefix) ? text.substring(prefix.length()) : text;
            if (text.length() > MAX_NAME_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
                throw UpstreamJsonGet.broken("a model name in the models answer is too long or not printable");
            }
            names.add(text);
        }
        return List.copyOf(names);
    }

    private static String stripSlashes(String url) {
        String s = url == null ? "" : url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
