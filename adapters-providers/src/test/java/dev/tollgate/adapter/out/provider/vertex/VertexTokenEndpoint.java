package dev.tollgate.adapter.out.provider.vertex;

import dev.tollgate.adapter.out.provider.ScriptedHttpServer;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Answer;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local OAuth token endpoint for Vertex channels, and the channel's key pointing at it; a JUnit extension that
 * starts it before each test and stops it after.
 */
final class VertexTokenEndpoint implements BeforeEachCallback, AfterEachCallback {
    static final String TOKEN = "ya29.contract-token";
    static final Map<String, String> OPTIONS = Map.of("location", "us-central1");
    private ScriptedHttpServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        server = ScriptedHttpServer.answering(r -> Answer.json(200, ServiceAccountFixture.tokenAnswer(TOKEN, 3600)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    /** The service-account key JSON whose token URI is this endpoint. */
    String keyJson() {
        return ServiceAccountFixture.keyJson(server.baseUrl() + "/token");
    }

    /** How many tokens were asked for. */
    int exchanges() {
        return server.received().size();
    }

    /** The path of a Vertex model of this publisher, as the adapter must call it. */
    static String modelPath(String publisher, String model) {
        return "/v1/projects/" + ServiceAccountFixture.PROJECT + "/locations/us-central1/publishers/" + publisher
                + "/models/" + model;
    }
}
