package dev.tollgate.adapter.in.web.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.in.web.ClientAddresses;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.AuthenticatedKey;
import dev.tollgate.application.relay.port.in.RealtimeSessionUseCase;
import dev.tollgate.application.relay.port.in.RealtimeUseCase;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.relay.port.in.RelayUseCase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/realtime?model=}: everything that can be refused is refused over plain HTTP, in OpenAI's error JSON,
 * before the connection is upgraded — the key (from {@code Authorization: Bearer}, {@code x-api-key}, or the
 * {@code openai-insecure-api-key.<key>} subprotocol browsers use), the model, its prices, the session limits and the
 * upstream session. Only then is the connection upgraded (Tomcat's Jakarta WebSocket container, answering with the
 * {@code realtime} subprotocol when the client offered it, as OpenAI does) and handed to a {@link RealtimeEndpoint}.
 */
public class RealtimeUpgradeHandler {
    static final String KEY_PROTOCOL_PREFIX = "openai-insecure-api-key.";
    static final String BETA_PROTOCOL = "openai-beta.realtime-v1";
    static final String REALTIME_PROTOCOL = "realtime";

    private final RelayUseCase relay;
    private final RealtimeUseCase realtime;
    private final OpenAiErrors errors;
    private final ClientAddresses addresses;
    private final RealtimeClientEvents events;
    private final InFlightLimit inFlight;

    public RealtimeUpgradeHandler(
            RelayUseCase relay,
            RealtimeUseCase realtime,
            ObjectMapper mapper,
            List<String> trustedProxies,
            InFlightLimit inFlight) {
        this.relay = relay;
        this.inFlight = inFlight;
        this.realtime = realtime;
        this.errors = new OpenAiErrors(mapper);
        this.addresses = new ClientAddresses(trustedProxies);
        this.events = new RealtimeClientEvents(mapper);
    }

    /**
     * Upgrades to a realtime session, which holds a place in flight ({@link InFlightLimit}) from here until its socket
     * closes; with every place taken, answers 503 before anything else.
     */
    void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
        InFlightLimit.Permit permit = inFlight.tryEnter();
        if (permit == null) {
            errors.write(response, inFlight.overloaded());
            return;
        }
        boolean upgraded = false;
        try {
            upgraded = upgrade(request, response, permit);
        } finally {
            if (!upgraded) {
                permit.close();
            }
        }
    }

    /** True when the socket was upgraded: the session's endpoint then owns {@code permit}. */
    private boolean upgrade(HttpServletRequest request, HttpServletResponse response, InFlightLimit.Permit permit)
            throws IOException {
        List<String> protocols = offeredProtocols(request);
        RealtimeSessionUseCase session;
        try {
            AuthenticatedKey caller = relay.authenticate(credentials(request, protocols));
            if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                throw new RelayException(
                        400,
                        "invalid_request_error",
                        "websocket_required",
                        "/v1/realtime is a WebSocket: connect with 'Upgrade: websocket'");
            }
            String beta = request.getHeader("OpenAI-Beta");
            if (beta == null && protocols.contains(BETA_PROTOCOL)) {
                beta = "realtime=v1";
            }
            session = realtime.open(caller, request.getParameter("model"), beta);
        } catch (RelayException e) {
            errors.write(response, e);
            return false;
        }
        ServerContainer container =
                (ServerContainer) request.getServletContext().getAttribute(ServerContainer.class.getName());
        RealtimeEndpoint endpoint = new RealtimeEndpoint(session, events, permit);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(RealtimeEndpoint.class, "/v1/realtime")
                .subprotocols(List.of(REALTIME_PROTOCOL))
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return (T) endpoint;
                    }
                })
                .build();
        try {
            if (container == null) {
                throw new DeploymentException("no WebSocket container");
            }
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
            return true;
        } catch (DeploymentException | IOException | RuntimeException e) {
            session.abandon();
            if (!response.isCommitted()) {
                errors.write(
                        response,
                        new RelayException(
                                500,
                                "server_error",
                                "upgrade_failed",
                                "the connection could not be upgraded to a WebSocket"));
            }
            return false;
        }
    }

    /** The key: a header, else the {@code openai-insecure-api-key.} subprotocol. */
    private ApiCredentials credentials(HttpServletRequest request, List<String> protocols) {
        ApiCredentials fromHeaders = RelayFilters.readCredentials(request, addresses);
        if (fromHeaders.apiKey() != null) {
            return fromHeaders;
        }
        for (String protocol : protocols) {
            if (protocol.startsWith(KEY_PROTOCOL_PREFIX) && protocol.length() > KEY_PROTOCOL_PREFIX.length()) {
                return new ApiCredentials(
                        protocol.substring(KEY_PROTOCOL_PREFIX.length()), fromHeaders.clientAddress());
            }
        }
        throw RelayException.invalidApiKey("no API key was given; send it as 'Authorization: Bearer sk-...' or in "
                + "the '" + KEY_PROTOCOL_PREFIX + "<key>' subprotocol");
    }

    private static List<String> offeredProtocols(HttpServletRequest request) {
        List<String> protocols = new ArrayList<>();
        var headers = request.getHeaders("Sec-WebSocket-Protocol");
        while (headers != null && headers.hasMoreElements()) {
            for (String p : headers.nextElement().split(",")) {
                if (!p.isBlank()) {
                    protocols.add(p.trim());
                }
            }
        }
        return protocols;
    }
}
