package dev.tollgate.adapter.out.provider.responses;

import dev.tollgate.adapter.out.provider.openai.OpenAiChatUpstream;
import dev.tollgate.adapter.out.provider.proxy.ProxiedClients;
import dev.tollgate.application.responses.port.out.ResponsesUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamException;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import dev.tollgate.domain.channel.ChannelOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A stored response's own endpoints on the OpenAI or Azure OpenAI channel that made it:
 * {@code {base}/v1/responses/{id}[/input_items|/cancel]} with {@code Authorization: Bearer <channel key>}, or
 * {@code {base}/openai/responses/{id}…?api-version=} with {@code api-key} on Azure. The client's headers are never
 * sent; the channel's extra headers are. A channel with an outbound proxy (its own or the installation's, in the
 * target) is reached through it, as the relay reaches it. Off the hot path: one JDK client (and one per proxied route),
 * answers read whole (bounded by {@code maxBodyBytes}).
 */
public class OpenAiResponsesForwarder implements ResponsesUpstreamPort {
    static final String AZURE_API_VERSION = "2025-03-01-preview";

    private final HttpClient http;
    private final ProxiedClients proxied = new ProxiedClients();
    private final Duration connectTimeout;
    private final Duration timeout;
    private final int maxBodyBytes;

    public OpenAiResponsesForwarder(Duration connectTimeout, Duration timeout, int maxBodyBytes) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public ForwardedReply forward(UpstreamTarget target, String method, String pathAndQuery) throws UpstreamException {
        boolean azure = "azure".equals(target.type());
        URI uri = uri(target, pathAndQuery, azure);
        HttpClient client = target.proxy() == null ? http : proxied.client(target.proxy(), uri, connectTimeout);
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (azure) {
            builder.header("api-key", target.apiKey());
        } else {
            builder.header("Authorization", "Bearer " + target.apiKey());
        }
        ChannelOptions.headers(target.options()).forEach(builder::setHeader);
        builder.method(method, HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            if (body.length > maxBodyBytes) {
                throw new UpstreamException(UpstreamException.Kind.BROKEN, "the upstream's answer is too large", null);
            }
            return new ForwardedReply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"),
                    body);
        } catch (HttpTimeoutException e) {
            throw new UpstreamException(UpstreamException.Kind.TIMEOUT, "the upstream did not answer in time", e);
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "the upstream could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.CONNECT, "interrupted", e);
        }
    }

    static URI uri(UpstreamTarget target, String pathAndQuery, boolean azure) {
        if (!azure) {
            return OpenAiChatUpstream.endpointUri(target.baseUrl(), "responses/" + pathAndQuery);
        }
        String base = target.baseUrl();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String version = target.options().getOrDefault("apiVersion", AZURE_API_VERSION);
        return URI.create(base + "/openai/responses/" + pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?")
                + "api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8));
    }
}
