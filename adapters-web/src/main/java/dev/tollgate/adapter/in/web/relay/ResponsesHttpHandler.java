package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.in.web.relay.openai.BackgroundSink;
import dev.tollgate.adapter.in.web.relay.openai.ResponseEventFollower;
import dev.tollgate.adapter.in.web.relay.openai.ResponseInputItems;
import dev.tollgate.adapter.in.web.relay.openai.ResponsesObjects;
import dev.tollgate.adapter.in.web.relay.openai.ResponsesRequests;
import dev.tollgate.adapter.in.web.relay.openai.ResponsesSink;
import dev.tollgate.application.common.port.in.IdempotencyUseCase;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.AuthenticatedKey;
import dev.tollgate.application.relay.port.in.ClientGoneException;
import dev.tollgate.application.relay.port.in.ConvertedForm;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import dev.tollgate.application.relay.port.in.UpstreamErrorPassthrough;
import dev.tollgate.application.responses.port.in.ResponseEventLog;
import dev.tollgate.application.responses.port.in.ResponsesUseCase;
import dev.tollgate.application.responses.port.out.ResponsesUpstreamPort.ForwardedReply;
import dev.tollgate.application.responses.port.out.StoredResponse;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToLongBiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Responses API: {@code POST /v1/responses} (relayed like any request; on channels of other protocols converted
 * to and from a chat completion; {@code previous_response_id} answered from Tollgate's store; {@code background}
 * run in Tollgate; the response kept after the answer was sent) and a response's own endpoints
 * ({@code GET}/{@code DELETE /v1/responses/{id}}, {@code GET …/input_items}, {@code POST …/cancel}), which only the
 * key that made the response may use: any other key is told the id does not exist.
 */
public class ResponsesHttpHandler {
    private static final Logger log = LoggerFactory.getLogger(ResponsesHttpHandler.class);
    private static final String PREFIX = "/v1/responses/";

    private final RelayUseCase relay;
    private final ResponsesUseCase responses;
    private final RelayHttpHandler relayHandler;
    private final ObjectMapper mapper;
    private final RelayRequestParser parser;
    private final OpenAiErrors errors;
    private final ResponsesRequests requests;
    private final ResponsesObjects objects;
    private final ResponseInputItems inputItems;
    private final UpstreamErrors upstreamErrors;
    private final RelayIdempotency idempotency;
    private final ResponseEventFollower follower;

    /** @param tokens counts a model's tokens in a text (the reasoning tokens of providers that do not report them) */
    public ResponsesHttpHandler(
            RelayUseCase relay,
            ResponsesUseCase responses,
            RelayHttpHandler relayHandler,
            ObjectMapper mapper,
            IdempotencyUseCase idempotency,
            ToLongBiFunction<String, String> tokens) {
        this.relay = relay;
        this.responses = responses;
        this.relayHandler = relayHandler;
        this.mapper = mapper;
        this.parser = new RelayRequestParser(mapper);
        this.errors = relayHandler.errors();
        this.requests = new ResponsesRequests(mapper);
        this.objects = new ResponsesObjects(mapper, tokens);
        this.inputItems = new ResponseInputItems(mapper);
        this.upstreamErrors = new UpstreamErrors(mapper);
        this.idempotency = new RelayIdempotency(idempotency, errors);
        this.follower = new ResponseEventFollower(mapper);
    }

    /** {@code POST /v1/responses}. */
    public void create(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            ApiCredentials credentials = credentials(request);
            AuthenticatedKey caller = relay.authenticate(credentials);
            String idempotencyKey = RelayIdempotency.key(request);
            byte[] body = relayHandler.readBody(request);
            RelayCall checked = parser.parse(RelayEndpoint.RESPONSES, body, credentials);
            ObjectNode client = (ObjectNode) mapper.readTree(body);
            // 'store' defaults to true: only an explicit false keeps the response out of the store
            boolean store = !client.hasNonNull("store") || RequestFields.optionalBoolean(client, "store");
            boolean background = RequestFields.optionalBoolean(client, "background");
            if (background && !store) {
                throw RelayRequestParser.invalid(
                        "background responses must be stored ('store' cannot be false)", "store");
            }
            ObjectNode sent = client.deepCopy();
            ArrayNode items = requests.inputItems(client);
            JsonNode previousId = client.path("previous_response_id");
            if (!previousId.isMissingNode() && !previousId.isNull() && !previousId.isTextual()) {
                throw RelayRequestParser.invalid("'previous_response_id' must be a string", "previous_response_id");
            }
            if (previousId.isTextual()) {
                StoredResponse previous = responses
                        .find(caller, previousId.textValue())
                        .orElseThrow(() -> RelayRequestParser.invalid(
                                "Previous response with id '" + previousId.textValue() + "' not found.",
                                "previous_response_id"));
                ArrayNode conversation = requests.conversation(previous.inputItems(), previous.body());
                conversation.addAll(items);
                items = conversation;
                sent.remove("previous_response_id");
                sent.set("input", items);
            }
            if (background) {
                sent.remove("background");
                sent.put("stream", true); // run as a stream, so that a cancel stops it at its next event
            }
            RelayCall call = parser.parse(RelayEndpoint.RESPONSES, mapper.writeValueAsBytes(sent), credentials);
            ObjectNode chat = requests.toChat(sent, items);
            if (chat != null) {
                RelayCall chatCall =
                        parser.parse(RelayEndpoint.CHAT_COMPLETIONS, mapper.writeValueAsBytes(chat), credentials);
                call = call.withConverted(new ConvertedForm(ConvertedForm.OTHER_PROTOCOLS, chatCall));
            }
            StoredResponse opened =
                    responses.open(caller, checked.model(), background, mapper.writeValueAsString(items));
            ObjectNode skeleton = objects.response(
                    opened.id(), opened.createdAt().getEpochSecond(), checked.model(), opened.status(), client);
            if (background) {
                runInBackground(caller, call, opened, skeleton, response, checked.stream());
                return;
            }
            ResponsesSink[] answered = new ResponsesSink[1];
            RelayCall relayed = call;
            try {
                if (idempotencyKey == null) {
                    answered[0] = new ResponsesSink(new ServletRelaySink(response), objects, skeleton);
                    relay.relay(caller, relayed, answered[0]);
                } else {
                    // a replay answers the first response as it was; only the first run is stored
                    idempotency.handle(
                            caller, idempotencyKey, request, body, response, new ServletRelaySink(response), r -> {
                                answered[0] = new ResponsesSink(r, objects, skeleton);
                                relay.relay(caller, relayed, answered[0]);
                            });
                }
            } finally {
                ResponsesSink sink = answered[0];
                if (store && sink != null && sink.result() != null) {
                    responses.record(finished(
                            opened,
                            sink,
                            sink.result(),
                            sink.result().path("status").asText()));
                }
            }
        } catch (JsonProcessingException e) {
            errors.write(response, RelayRequestParser.invalid("the request body is not valid JSON", null));
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

    /** The response as stored: the upstream's id kept when the channel answered in the Responses API itself. */
    private StoredResponse finished(StoredResponse opened, ResponsesSink sink, ObjectNode result, String status) {
        boolean upstreamKeepsIt = sink.nativeAnswer() && result.path("id").isTextual();
        StoredResponse stored = opened.with(status, result.toString(), sink.channelId(), sink.channelType())
                .withChannelKey(sink.channelKey());
        if (!upstreamKeepsIt) {
            return stored;
        }
        String upstreamId = result.path("id").textValue();
        if (opened.background()) {
            // the client knows Tollgate's id (it got it before the channel answered)
            result.put("id", opened.id()).put("background", true);
        }
        return new StoredResponse(
                opened.background() ? opened.id() : upstreamId,
                upstreamId,
                opened.tokenId(),
                opened.organizationId(),
                sink.channelId(),
                sink.channelType(),
                sink.channelKey(),
                opened.model(),
                status,
                opened.background(),
                opened.inputItems(),
                result.toString(),
                opened.createdAt(),
                opened.expiresAt());
    }

    /**
     * Answers {@code queued} at once, or, asked as a stream, follows the response's events (the client may leave: the
     * response runs on); the relay runs on a background thread, billed as any request.
     */
    private void runInBackground(
            AuthenticatedKey caller,
            RelayCall call,
            StoredResponse opened,
            ObjectNode skeleton,
            HttpServletResponse response,
            boolean streamed)
            throws IOException {
        skeleton.put("background", true);
        StoredResponse queued = opened.with("queued", skeleton.toString(), null, null);
        responses.runInBackground(queued, streamed, run -> {
            ObjectNode running = skeleton.deepCopy().put("status", "in_progress");
            BackgroundSink events = new BackgroundSink(run.cancelled(), run.events(), mapper, opened.id());
            ResponsesSink sink = new ResponsesSink(events, objects, running);
            try {
                relay.relay(caller, call, sink);
            } catch (ClientGoneException e) {
                log.debug("background response {} cancelled", opened.id());
            } catch (RelayException | UpstreamErrorPassthrough e) {
                ObjectNode failed = running.put("status", "failed");
                failed.putObject("error").put("code", "server_error").put("message", e.getMessage());
                events.append("response.failed", mapper.createObjectNode().set("response", failed));
                return queued.with("failed", failed.toString(), sink.channelId(), sink.channelType());
            }
            if (run.cancelled().getAsBoolean() || sink.result() == null) {
                ObjectNode partial = sink.partial().put("status", "cancelled");
                return finished(queued, sink, partial, "cancelled");
            }
            return finished(
                    queued, sink, sink.result(), sink.result().path("status").asText());
        });
        if (!streamed) {
            writeJson(response, 200, skeleton);
            return;
        }
        Optional<ResponseEventLog> events = responses.events(caller, opened.id());
        if (events.isPresent()) {
            follower.follow(events.get(), 0, response);
        }
    }

    /**
     * {@code GET /v1/responses/{id}?stream=true[&starting_after=n]} of a streamed background response: its events
     * after {@code n} (all when absent), then the live ones until it ends.
     */
    private void resume(HttpServletRequest request, HttpServletResponse response, StoredResponse stored)
            throws IOException {
        Optional<ResponseEventLog> events = responses.events(authenticated(request), stored.id());
        if (events.isEmpty()) {
            throw RelayRequestParser.invalid(
                    "Only a background response created with stream: true can be streamed, on the node that runs it,"
                            + " while it runs and for a while after; GET it without stream=true.",
                    "stream");
        }
        long from = 0;
        String after = request.getParameter("starting_after");
        if (after != null) {
            try {
                from = Math.addExact(Long.parseLong(after), 1);
            } catch (NumberFormatException | ArithmeticException e) {
                from = -1;
            }
            if (from < 0) {
                throw RelayRequestParser.invalid(
                        "'starting_after' must be a sequence_number (an integer of 0 or more)", "starting_after");
            }
        }
        try {
            ResponseEventLog.Page first = events.get().read(from, Duration.ZERO);
            if (first.lost()) {
                throw RelayRequestParser.invalid(
                        ResponseEventFollower.lostMessage(first.firstKept()), "starting_after");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        follower.follow(events.get(), from, response);
    }

    /** {@code GET /v1/responses/{id}}. */
    public void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        withResponse(request, response, "", (stored, res) -> {
            boolean stream = "true".equals(request.getParameter("stream"));
            if (stream && stored.background()) {
                resume(request, res, stored);
                return;
            }
            Optional<ForwardedReply> reply = forwarded(stored, "GET", "", query(request));
            if (reply.isPresent()) {
                write(res, reply.get());
            } else if (stream) {
                resume(request, res, stored); // refused: a foreground response has no events to stream
            } else {
                writeJson(res, 200, mapper.readTree(stored.body()));
            }
        });
    }

    /** {@code DELETE /v1/responses/{id}}. */
    public void delete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        withResponse(request, response, "", (stored, res) -> {
            responses.delete(authenticated(request), stored.id());
            writeJson(res, 200, objects.deleted(stored.id()));
        });
    }

    /** {@code GET /v1/responses/{id}/input_items}: OpenAI's list ({@code limit}, {@code after}, {@code order}). */
    public void inputItems(HttpServletRequest request, HttpServletResponse response) throws IOException {
        withResponse(request, response, "/input_items", (stored, res) -> {
            Optional<ForwardedReply> reply = forwarded(stored, "GET", "/input_items", query(request));
            if (reply.isPresent()) {
                write(res, reply.get());
                return;
            }
            writeJson(
                    res,
                    200,
                    inputItems.page(
                            stored,
                            request.getParameter("limit"),
                            request.getParameter("after"),
                            request.getParameter("order")));
        });
    }

    /** {@code POST /v1/responses/{id}/cancel}: a background response stops and stays {@code cancelled}. */
    public void cancel(HttpServletRequest request, HttpServletResponse response) throws IOException {
        withResponse(request, response, "/cancel", (stored, res) -> {
            Optional<StoredResponse> cancelled = responses.cancel(authenticated(request), stored.id());
            if (cancelled.isPresent()) {
                ObjectNode body = (ObjectNode) mapper.readTree(cancelled.get().body());
                writeJson(res, 200, body.put("status", "cancelled"));
                return;
            }
            if (!stored.background()) {
                Optional<ForwardedReply> reply = forwarded(stored, "POST", "/cancel", "");
                if (reply.isPresent()) {
                    write(res, reply.get());
                    return;
                }
                throw RelayRequestParser.invalid("Only background responses can be cancelled.", null);
            }
            if ("cancelled".equals(stored.status())) {
                writeJson(res, 200, mapper.readTree(stored.body()));
                return;
            }
            throw RelayRequestParser.invalid("Cannot cancel a response that is " + stored.status() + ".", null);
        });
    }

    private interface StoredAction {
        void apply(StoredResponse stored, HttpServletResponse response) throws IOException;
    }

    /** Finds the caller's response named in the path (404 for any other key's), then acts on it. */
    private void withResponse(
            HttpServletRequest request, HttpServletResponse response, String suffix, StoredAction action)
            throws IOException {
        try {
            AuthenticatedKey caller = authenticated(request);
            String tail = request.getRequestURI().substring(PREFIX.length());
            String id = tail.substring(0, tail.length() - suffix.length());
            Optional<StoredResponse> stored = id.contains("/") ? Optional.empty() : responses.find(caller, id);
            if (stored.isEmpty()) {
                errors.write(
                        response,
                        404,
                        "invalid_request_error",
                        "not_found",
                        "Response with id '" + id + "' not found.",
                        null,
                        null);
                return;
            }
            action.apply(stored.get(), response);
        } catch (RelayException e) {
            if (response.isCommitted()) {
                log.debug("relay error after the answer started: {}", e.getMessage());
                return;
            }
            errors.write(response, e);
        } catch (ClientGoneException e) {
            log.debug("client went away");
        }
    }

    private AuthenticatedKey authenticated(HttpServletRequest request) {
        return relay.authenticate(credentials(request));
    }

    private ApiCredentials credentials(HttpServletRequest request) {
        if (request.getAttribute(RelayFilters.CREDENTIALS) instanceof ApiCredentials c) {
            return c;
        }
        return RelayFilters.readCredentials(request, relayHandler.clientAddresses());
    }

    /**
     * The response's endpoint on the channel that made it, when that channel keeps it (a foreground response of an
     * OpenAI or Azure channel); empty when Tollgate's store answers.
     */
    private Optional<ForwardedReply> forwarded(StoredResponse stored, String method, String suffix, String query) {
        if (stored.background() || stored.upstreamId() == null) {
            return Optional.empty();
        }
        return responses.forward(stored, method, encode(stored.upstreamId()) + suffix + query);
    }

    private static String query(HttpServletRequest request) {
        return request.getQueryString() == null ? "" : "?" + request.getQueryString();
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static void write(HttpServletResponse response, ForwardedReply reply) throws IOException {
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        response.setContentLength(reply.body().length);
        response.getOutputStream().write(reply.body());
    }

    private void writeJson(HttpServletResponse response, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
