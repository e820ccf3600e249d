package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs} describes every {@code /api/v1} mapping of every controller (a
 * controller method added without appearing there fails this test), with the problem+json errors; Swagger UI is
 * served without signing in.
 */
class OpenApiDocumentEndToEndTest extends EndToEndTestBase {
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void givenTheControllers_whenReadingTheOpenApiDocument_thenEveryApiV1MappingAndMethodIsInIt() throws IOException {
        // given
        AdminApi anonymous = new AdminApi(port);

        // when
        AdminApi.Reply reply = anonymous.get("/v3/api-docs");

        // then
        assertThat(reply.status()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), reply.raw().body());
        JsonNode doc = reply.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        JsonNode paths = doc.get("paths");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            Set<String> patterns = entry.getKey().getPatternValues();
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : patterns) {
                if (!pattern.startsWith("/api/v1/")) {
                    continue;
                }
                checked++;
                JsonNode item = paths.get(pattern);
                if (item == null) {
                    missing.add(pattern + " " + methods + " (" + entry.getValue() + ")");
                    continue;
                }
                for (RequestMethod method : methods) {
                    if (!item.has(method.name().toLowerCase(Locale.ROOT))) {
                        missing.add(method + " " + pattern + " (" + entry.getValue() + ")");
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(missing).isEmpty();
    }

    @Test
    void givenTheDocument_whenReadingAnOperation_thenItHasSchemasProblemErrorsAndBothWaysToAuthenticate() {
        // when
        JsonNode doc = new AdminApi(port).get("/v3/api-docs").json();

        // then
        JsonNode createToken = doc.at("/paths/~1api~1v1~1tokens/post");
        assertThat(createToken.isMissingNode()).isFalse();
        assertThat(createToken
                        .at("/responses/403/content/application~1problem+json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(doc.at("/components/schemas/Problem/properties/code").isMissingNode())
                .isFalse();
        assertThat(doc.at("/components/schemas/TokenView/properties/remainingQuota")
                        .isMissingNode())
                .isFalse();
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/consoleSession/in").asText())
                .isEqualTo("cookie");
        assertThat(doc.get("paths").fieldNames()).toIterable().allMatch(p -> p.startsWith("/api/"));
    }

    /** Bodies still described only as free JSON: this list may only shrink (a new write must describe its body). */
    private static final Set<String> UNDESCRIBED_BODIES = Set.of();

    @Test
    void givenTheWrites_whenReadingTheirRequestBodies_thenEachHasASchemaWithItsFields() {
        // when
        JsonNode doc = new AdminApi(port).get("/v3/api-docs").json();

        // then
        assertThat(doc.at("/paths/~1api~1v1~1tokens/post/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/TokenCreate");
        assertThat(doc.at("/components/schemas/TokenCreate/properties").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "name", "quota", "unlimitedQuota", "expiresAt", "models", "group", "subnets", "rpm", "tpm");
        assertThat(doc.at("/components/schemas/ChannelCreate/properties/keys/type")
                        .toString())
                .contains("array");
        List<String> undescribed = new ArrayList<>();
        doc.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    String ref = op.getValue()
                            .at("/requestBody/content/application~1json/schema/$ref")
                            .asText();
                    if (ref.endsWith("/JsonNode")) {
                        undescribed.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        assertThat(undescribed).containsExactlyInAnyOrderElementsOf(UNDESCRIBED_BODIES);
    }

    @Test
    void givenTheCreatingOperations_whenReadingTheDocument_thenEachDocuments201AndNot200() {
        // given: the handlers that answer 201 Created say so with @ResponseStatus(CREATED)
        JsonNode paths = new AdminApi(port).get("/v3/api-docs").json().get("paths");
        List<String> creating = new ArrayList<>();
        List<String> wrong = new ArrayList<>();

        // when
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            ResponseStatus status = entry.getValue().getMethodAnnotation(ResponseStatus.class);
            if (status == null || status.value() != HttpStatus.CREATED) {
                continue;
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    String name = method + " " + pattern;
                    creating.add(name);
                    JsonNode responses = paths.path(pattern)
                            .path(method.name().toLowerCase(Locale.ROOT))
                            .path("responses");
                    if (!responses.has("201") || responses.has("200")) {
                        wrong.add(name + " "
                                + responses.properties().stream()
                                        .map(Map.Entry::getKey)
                                        .toList());
                    }
                }
            }
        }

        // then
        assertThat(creating)
                .contains(
                        "POST /api/v1/tokens",
                        "POST /api/v1/channels",
                        "POST /api/v1/users",
                        "POST /api/v1/organizations",
                        "POST /api/v1/redemption-batches",
                        "POST /api/v1/users/me/access-tokens");
        assertThat(wrong).isEmpty();
    }

    @Test
    void givenNoSignIn_whenOpeningSwaggerUi_thenItIsServed() {
        // when
        AdminApi.Reply page = new AdminApi(port).get("/swagger-ui/index.html");
        AdminApi.Reply shortPath = new AdminApi(port).get("/swagger-ui.html");
        AdminApi.Reply shortestPath = new AdminApi(port).get("/swagger-ui");

        // then
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("swagger-ui");
        assertThat(shortPath.status()).isIn(200, 302);
        assertThat(shortestPath.status()).isEqualTo(302);
        assertThat(shortestPath.raw().headers().firstValue("Location").orElseThrow())
                .endsWith("/swagger-ui/index.html");
    }
}
