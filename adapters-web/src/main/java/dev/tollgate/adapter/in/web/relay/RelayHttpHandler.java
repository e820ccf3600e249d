package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.ClientAddresses;
import dev.tollgate.adapter.in.web.relay.anthropic.AnthropicMessages;
import dev.tollgate.adapter.in.web.relay.anthropic.AnthropicSink;
import dev.tollgate.adapter.in.web.relay.gemini.GeminiContents;
import dev.tollgate.adapter.in.web.relay.gemini.GeminiEmbeddingSink;
import dev.tollgate.adapter.in.web.relay.gemini.GeminiEmbeddings;
import dev.tollgate.adapter.in.web.relay.gemini.GeminiSink;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.AuthenticatedKey;
import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import dev.tollgate.application.relay.port.in.UpstreamErrorPassthrough;
import dev.tollgate.application.upstream.port.out.NativeRequest;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the OpenAI-compatible relay endpoints do, on the raw servlet request and response: the body is read as bytes
 * (and forwarded as is), and streamed answers are written event by event, each flushed at once. The routes that lead
 * here are declared in {@link RelayRoutes} (Spring Cloud Gateway Server MVC); the handler itself knows no routing.
 */
public class RelayHttpHandler {
    private static final Logger log = LoggerFactory.getLogger(RelayHttpHandler.class);

    private final RelayUseCase relay;
    private final ObjectMapper mapper;
    private final RelayRequestParser parser;
    private final OpenAiErrors errors;
    private final AnthropicMessages anthropic;
    private final GeminiContents gemini;
    private final GeminiEmbeddings geminiEmbeddings;
    private final long maxBodyBytes;
    private final ClientAddresses clientAddresses;
    private final UpstreamErrors upstreamErrors;
    private final RelayIdempotency idempotency;
    private final KeyBalanceEndpoints balanceEndpoints;

    public RelayHttpHandler(
            RelayUseCase relay,
            ObjectMapper mapper,
            long maxBodyBytes,
            List<String> trustedProxies,
            IdempotencyUseCase idempotency) {
        this.clientAddresses = new ClientAddresses(trustedProxies);
        this.relay = relay;
        this.mapper = mapper;
        this.parser = new RelayRequestParser(mapper);
        this.errors = new OpenAiErrors(mapper);
        this.anthropic = new AnthropicMessages(mapper);
        this.gemini = new GeminiContents(mapper);
        this.geminiEmbeddings = new GeminiEmbeddings(mapper);
        this.upstreamErrors = new UpstreamErrors(mapper);
        this.idempotency = new RelayIdempotency(idempotency, errors);
        this.maxBodyBytes = maxBodyBytes;
        this.balanceEndpoints = new KeyBalanceEndpoints(relay, mapper, errors, this::credentials);
    }

    ClientAddresses clientAddresses() {
        return clientAddresses;
    }

    OpenAiErrors errors() {
        return errors;
    }

    AnthropicMessages anthropic() {
        return anthropic;
    }

    /**
     * {@code POST /v1/messages}, Anthropic's Messages API: converted to a chat completion, relayed like any other
     * (same key, routing, reservation and settlement), and the answer or stream converted back. Errors come in
     * Anthropic's shape.
     */
    public void anthropicMessages(HttpServletRequest request, HttpServletResponse response) throws IOException {
        inDialect(response, anthropic::error, () -> {
            ApiCredentials credentials = credentials(request);
            AuthenticatedKey caller = relay.authenticate(credentials);
            byte[] original = readBody(request);
            byte[] chat = anthropic.toChatRequest(original);
            // anthropic channels get the client's own request, byte for byte; others the converted one
            RelayCall call = parser.parse(RelayEndpoint.CHAT_COMPLETIONS, chat, credentials)
                    .withNative(new NativeRequest("anthropic", original));
            relay.relay(
                    caller, call, new AnthropicSink(new ServletRelaySink(response), anthropic, mapper, call.model()));
        });
    }

    /**
     * {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}: Gemini's API in,
     * relayed as a chat completion (same key, routing, reservation and settlement), the answer converted back.
     * The key may come as {@code x-goog-api-key}, {@code ?key=} or a Bearer token. Errors in Google's shape.
     */
    public void geminiGenerate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String tail = URLDecoder.decode(
                request.getRequestURI().substring("/v1beta/models/".length()), StandardCharsets.UTF_8);
        int colon = tail.lastIndexOf(':');
        String action = colon < 0 ? "" : tail.substring(colon + 1);
        String model = colon < 0 ? tail : tail.substring(0, colon);
        boolean stream = "streamGenerateContent".equals(action);
        if (!model.isBlank() && GEMINI_MORE.contains(action)) {
            geminiMore(action, model, request, response);
            return;
        }
        if (!stream && !"generateContent".equals(action) || model.isBlank()) {
            writeDialectError(response, gemini::error, 404, "Method not found: " + action, null);
            return;
        }
        inDialect(response, gemini::error, () -> {
            ApiCredentials credentials = credentials(request);
            AuthenticatedKey caller = relay.authenticate(credentials);
            byte[] original = readBody(request);
            byte[] chat = gemini.toChatRequest(original, model, stream);
            // gemini channels get the client's own request, byte for byte; others the converted one
            RelayCall call = parser.parse(RelayEndpoint.CHAT_COMPLETIONS, chat, credentials)
                    .withNative(new NativeRequest("gemini", original));
            boolean sse = "sse".equals(request.getParameter("alt"));
            relay.relay(caller, call, new GeminiSink(new ServletRelaySink(response), gemini, mapper, model, sse));
        });
    }

    /**
     * {@code POST /v1/messages/count_tokens}: the input tokens of a Messages request, counted by Tollgate with the
     * model family's tokenizer (an estimate for Claude models, whose tokenizer is not public); free of charge.
     */
    public void anthropicCountTokens(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            ApiCredentials credentials = credentials(request);
            AuthenticatedKey caller = relay.authenticate(credentials);
            byte[] chat = anthropic.toChatRequest(anthropic.withMaxTokens(readBody(request)));
            RelayCall call = parser.parse(RelayEndpoint.CHAT_COMPLETIONS, chat, credentials);
            long tokens = relay.countTokens(caller, call);
            writeJson(response, mapper.createObjectNode().put("input_tokens", tokens));
        } catch (RelayException e) {
            writeDialectError(response, anthropic::error, e.status(), e.getMessage(), e.retryAfterSeconds());
        }
    }

    GeminiContents gemini() {
        return gemini;
    }

    /** Gemini's actions besides generating: counting tokens and embeddings. */
    private static final Set<String> GEMINI_MORE = Set.of("countTokens", "embedContent", "batchEmbedContents");

    /**
     * {@code :countTokens} (the input counted with the model family's tokenizer, free, as Anthropic's count_tokens),
     * {@code :embedContent} and {@code :batchEmbedContents} (relayed as OpenAI embeddings, billed as such, the vectors
     * converted back).
     */
    private void geminiMore(String action, String model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        inDialect(response, gemini::error, () -> {
            ApiCredentials credentials = credentials(request);
            AuthenticatedKey caller = relay.authenticate(credentials);
            byte[] body = readBody(request);
            if ("countTokens".equals(action)) {
                JsonNode root = mapper.readTree(body.length == 0 ? "{}".getBytes() : body);
                // {"contents":[...]} or {"generateContentRequest":{...}}
                JsonNode generate =
                        root != null && root.has("generateContentRequest") ? root.get("generateContentRequest") : root;
                byte[] chat = gemini.toChatRequest(mapper.writeValueAsBytes(generate), model, false);
                long tokens =
                        relay.countTokens(caller, parser.parse(RelayEndpoint.CHAT_COMPLETIONS, chat, credentials));
                writeJson(response, mapper.createObjectNode().put("totalTokens", tokens));
                return;
            }
            boolean batch = "batchEmbedContents".equals(action);
            RelayCall call = parser.parse(
                    RelayEndpoint.EMBEDDINGS, geminiEmbeddings.toEmbeddingsRequest(body, model, batch), credentials);
            relay.relay(caller, call, new GeminiEmbeddingSink(new ServletRelaySink(response), geminiEmbeddings, batch));
        });
    }

    /** A relay in another provider's dialect: its errors, ours or the upstream's, written in that dialect's shape. */
    private interface DialectWork {
        void run() throws IOException;
    }

    private void inDialect(HttpServletResponse response, DialectErrorBody errorBody, DialectWork work)
            throws IOException {
        try {
            work.run();
        } catch (JsonProcessingException e) {
            writeDialectError(response, errorBody, 400, "the body is not valid JSON", null);
        } catch (RelayException e) {
            if (response.isCommitted()) {
                log.warn("relay error after the answer started: {}", e.getMessage());
                return;
            }
            writeDialectError(response, errorBody, e.status(), e.getMessage(), e.retryAfterSeconds());
        } catch (UpstreamErrorPassthrough e) {
            writeDialectError(
                    response,
                    errorBody,
                    e.status(),
                    upstreamErrors.read(e.status(), e.body()).message(),
                    null);
        } catch (ClientGoneException e) {
            log.debug("client went away");
        }
    }

    /** The body of an error in a dialect's shape (Anthropic's or Google's). */
    private interface DialectErrorBody {
        byte[] error(int status, String message);
    }

    /** {@code GET /v1beta/models}: the models the key may use, in Gemini's shape. */
    public void geminiModels(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            ObjectNode root = mapper.createObjectNode();
            ArrayNode models = root.putArray("models");
            relay.listModels(credentials(request)).forEach(id -> models.add(geminiEmbeddings.model(id)));
            writeJson(response, root);
        } catch (RelayException e) {
            writeDialectError(response, gemini::error, e.status(), e.getMessage(), e.retryAfterSeconds());
        }
    }

    /** {@code GET /v1beta/models/{model}}: one model the key may use, or 404 in Google's shape. */
    public void geminiModel(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = URLDecoder.decode(
                request.getRequestURI().substring("/v1beta/models/".length()), StandardCharsets.UTF_8);
        try {
            if (!relay.listModels(credentials(request)).contains(id)) {
                writeDialectError(
                        response,
                        gemini::error,
                        404,
                        "models/" + id + " is not found or this key may not use it",
                        null);
                return;
            }
            writeJson(response, geminiEmbeddings.model(id));
        } catch (RelayException e) {
            writeDialectError(response, gemini::error, e.status(), e.getMessage(), e.retryAfterSeconds());
        }
    }

    private static void writeDialectError(
            HttpServletResponse response, DialectErrorBody errorBody, int status, String message, Long retryAfter)
            throws IOException {
        byte[] body = errorBody.error(status, message);
        response.setStatus(status);
        response.setContentType("application/json");
        if (retryAfter != null) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public void models(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            List<String> models = relay.listModels(credentials(request));
            ObjectNode root = mapper.createObjectNode();
            root.put("object", "list");
            ArrayNode data = root.putArray("data");
            for (String id : models) {
                data.addObject()
                        .put("id", id)
                        .put("object", "model")
                        .put("created", 0)
                        .put("owned_by", "tollgate");
            }
            writeJson(response, root);
        } catch (RelayException e) {
            errors.write(response, e);
        }
    }

    /** One model, if this key may use it and a channel serves it (model ids may contain '/' and ':'). */
    public void model(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id =
                URLDecoder.decode(request.getRequestURI().substring("/v1/models/".length()), StandardCharsets.UTF_8);
        try {
            if (!relay.listModels(credentials(request)).contains(id)) {
                errors.write(
                        response,
                        404,
                        "invalid_request_error",
                        "model_not_found",
                        "The model '" + id + "' does not exist or you do not have access to it.",
                        "model",
                        null);
                return;
            }
            writeJson(
                    response,
                    mapper.createObjectNode()
                            .put("id", id)
                            .put("object", "model")
                            .put("created", 0)
                            .put("owned_by", "tollgate"));
        } catch (RelayException e) {
            errors.write(response, e);
        }
    }

    /** OpenAI's old billing endpoints ({@code /dashboard/billing/...}), which chat front ends call. */
    KeyBalanceEndpoints balanceEndpoints() {
        return balanceEndpoints;
    }

    /** A request to one of the OpenAI endpoints whose model is in the body. */
    public void relay(RelayEndpoint endpoint, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        relayRequest(request, response, endpoint, null);
    }

    /** The legacy engines form of embeddings: the model is in the path. */
    public void engineEmbeddings(String model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        relayRequest(request, response, RelayEndpoint.EMBEDDINGS, model);
    }

    private void relayRequest(
            HttpServletRequest request, HttpServletResponse response, RelayEndpoint endpoint, String modelFromPath)
            throws IOException {
        try {
            ApiCredentials credentials = credentials(request);
            AuthenticatedKey caller =
                    relay.authenticate(credentials); // before the body: an invalid key costs no read or parse
            String idempotencyKey = RelayIdempotency.key(request);
            byte[] body = readBody(request);
            RelayCall call = modelFromPath == null
                    ? parser.parse(endpoint, body, request.getContentType(), credentials)
                    : parser.parseLegacyEmbeddings(modelFromPath, body, credentials);
            if (idempotencyKey == null) {
                relay.relay(caller, call, new ServletRelaySink(response));
            } else {
                idempotency.handle(
                        caller,
                        idempotencyKey,
                        request,
                        body,
                        response,
                        new ServletRelaySink(response),
                        sink -> relay.relay(caller, call, sink));
            }
        } catch (RelayException e) {
            if (response.isCommitted()) {
                log.warn("relay error after the answer started: {}", e.getMessage());
                return;
            }
            errors.write(response, e);
        } catch (UpstreamErrorPassthrough e) {
            upstreamErrors.write(response, e);
        } catch (ClientGoneException e) {
            log.debug("client went away");
        }
    }

    public void unknown(HttpServletRequest request, HttpServletResponse response) throws IOException {
        errors.write(
                response,
                404,
                "invalid_request_error",
                "unknown_url",
                "Invalid URL (" + request.getMethod() + " " + request.getRequestURI() + ")",
                null,
                null);
    }

    static void writeJson(ObjectMapper mapper, HttpServletResponse response, ObjectNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private void writeJson(HttpServletResponse response, ObjectNode body) throws IOException {
        writeJson(mapper, response, body);
    }

    /** The credentials the key filter took from the request, or (without the filter) read here. */
    private ApiCredentials credentials(HttpServletRequest request) {
        if (request.getAttribute(RelayFilters.CREDENTIALS) instanceof ApiCredentials c) {
            return c;
        }
        return RelayFilters.readCredentials(request, clientAddresses);
    }

    byte[] readBody(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBodyBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    RelayException tooLarge() {
        return new RelayException(
                413,
                "invalid_request_error",
                "request_too_large",
                "the request body is larger than " + maxBodyBytes + " bytes");
    }
}
