package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Plain relay paths skip Spring Security's servlet filter (it did nothing for them but cost a handler lookup); every
 * other request still passes it: the admin API still needs a bearer, and a relay path with characters the firewall
 * refuses is still refused by it.
 */
class RelayOutsideSecurityFilterEndToEndTest extends EndToEndTestBase {
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ServletContext servletContext;

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void givenTheServletFilters_whenListed_thenSpringSecurityIsRegisteredOnceBehindTheRelayCheck() {
        assertThat(servletContext.getFilterRegistrations())
                .containsKey("securityFilterOutsideRelay")
                .doesNotContainKey("springSecurityFilterChain");
    }

    @Test
    void givenARelayRequestAndOddOrAdminPaths_whenSent_thenOnlyThePlainRelayPathSkipsTheSecurityFilter()
            throws Exception {
        // given
        String model = uniqueModel("outside-security");
        admin.createChannel("outside-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 1_000_000);
        JsonNode token = admin.createToken(Map.of("name", "outside", "quota", 100_000));
        String key = token.get("key").asText();
        String chat = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        // when
        HttpResponse<String> relayed = post("/v1/chat/completions", key, chat);
        HttpResponse<String> withParameter = post("/v1/chat/completions;jsessionid=x", key, chat);
        HttpResponse<String> encodedSlash = post("/v1/chat%2Fcompletions", key, chat);
        HttpResponse<String> adminWithApiKey = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
                        .header("Authorization", "Bearer " + key)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(relayed.statusCode()).isEqualTo(200);
        assertThat(withParameter.statusCode()).as(withParameter.body()).isEqualTo(400);
        assertThat(encodedSlash.statusCode()).as(encodedSlash.body()).isEqualTo(400);
        assertThat(adminWithApiKey.statusCode()).isEqualTo(401);
    }
}
