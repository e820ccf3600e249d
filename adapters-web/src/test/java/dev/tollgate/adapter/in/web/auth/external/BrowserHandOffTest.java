package dev.tollgate.adapter.in.web.auth.external;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.in.web.error.Problems;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/** How the browser flow ends: a redirect with the outcome in the fragment, or JSON without a front-end URL. */
class BrowserHandOffTest {
    /** Spring's web mapper (it writes a ProblemDetail's properties at the top level, as the application does). */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    private static BrowserHandOff handOff(String frontendUrl) {
        ExternalLoginSettings settings = new ExternalLoginSettings(
                frontendUrl,
                Duration.ofMinutes(10),
                new ExternalLoginSettings.GitHub("", "", "https://github.com", "https://api.github.com"),
                new ExternalLoginSettings.Feishu("", "", "https://open.feishu.cn", "https://accounts.feishu.cn"),
                new ExternalLoginSettings.Oidc("", "", "", "", "openid"));
        return new BrowserHandOff(settings, new Problems(JSON), JSON);
    }

    private static MockHttpServletRequest callback(MockHttpSession session) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/github");
        request.setSession(session);
        return request;
    }

    @Test
    void givenAFrontendUrl_whenSignedIn_thenRedirectedWithTheCodeInTheFragmentAndTheSessionEnds() throws Exception {
        // given
        MockHttpSession session = new MockHttpSession();
        MockHttpServletResponse response = new MockHttpServletResponse();

        // when
        handOff("https://admin.example/#/old").signedIn(callback(session), response, "abc-123");

        // then
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getHeader("Location")).isEqualTo("https://admin.example/#code=abc-123&expires_in=60");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void givenAFrontendUrl_whenTheFlowFails_thenTheMessageIsEncodedInTheFragment() throws Exception {
        // given
        MockHttpServletResponse response = new MockHttpServletResponse();

        // when
        handOff("https://admin.example/signed-in")
                .failed(
                        callback(new MockHttpSession()),
                        response,
                        HttpStatus.FORBIDDEN,
                        "registration_closed",
                        "registration is closed & needs an admin");

        // then
        assertThat(response.getHeader("Location"))
                .isEqualTo(
                        "https://admin.example/signed-in#error="
                                + "registration_closed&error_description=registration%20is%20closed%20%26%20needs%20an%20admin");
    }

    @Test
    void givenNoFrontendUrl_whenSignedInOrFailed_thenJsonAndAProblem() throws Exception {
        // given
        MockHttpServletResponse signedIn = new MockHttpServletResponse();
        MockHttpServletResponse linkPending = new MockHttpServletResponse();
        MockHttpServletResponse failed = new MockHttpServletResponse();

        // when
        handOff("").signedIn(callback(new MockHttpSession()), signedIn, "code-1");
        handOff(null).linkPending(callback(new MockHttpSession()), linkPending, "code-2");
        handOff(" ")
                .failed(
                        callback(new MockHttpSession()),
                        failed,
                        HttpStatus.BAD_REQUEST,
                        "invalid_state",
                        "start the sign-in again");

        // then
        assertThat(signedIn.getStatus()).isEqualTo(200);
        JsonNode body = JSON.readTree(signedIn.getContentAsByteArray());
        assertThat(body.get("code").asText()).isEqualTo("code-1");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(60);
        assertThat(JSON.readTree(linkPending.getContentAsByteArray())
                        .get("linkCode")
                        .asText())
                .isEqualTo("code-2");
        assertThat(failed.getStatus()).isEqualTo(400);
        assertThat(failed.getContentType()).isEqualTo(Problems.MEDIA_TYPE);
        JsonNode problem = JSON.readTree(failed.getContentAsByteArray());
        assertThat(problem.get("code").asText()).isEqualTo("invalid_state");
        assertThat(problem.get("detail").asText()).isEqualTo("start the sign-in again");
    }
}
