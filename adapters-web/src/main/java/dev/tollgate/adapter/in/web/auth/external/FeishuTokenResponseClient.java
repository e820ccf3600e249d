package dev.tollgate.adapter.in.web.auth.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Feishu's token endpoint ({@code POST /open-apis/authen/v2/oauth/token}) takes a JSON body, not a form, and answers
 * with a {@code code}: anything but 0 is a refusal, reported in Feishu's own words.
 */
class FeishuTokenResponseClient implements OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RestClient http = ProviderHttp.restClient();

    @Override
    public OAuth2AccessTokenResponse getTokenResponse(OAuth2AuthorizationCodeGrantRequest request) {
        ClientRegistration client = request.getClientRegistration();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("client_id", client.getClientId());
        body.put("client_secret", client.getClientSecret());
        body.put(
                "code",
                request.getAuthorizationExchange().getAuthorizationResponse().getCode());
        body.put(
                "redirect_uri",
                request.getAuthorizationExchange().getAuthorizationRequest().getRedirectUri());
        Object verifier = request.getAuthorizationExchange()
                .getAuthorizationRequest()
                .getAttribute(PkceParameterNames.CODE_VERIFIER);
        if (verifier != null) {
            body.put(PkceParameterNames.CODE_VERIFIER, verifier);
        }
        JsonNode answer;
        try {
            answer = http.post()
                    .uri(client.getProviderDetails().getTokenUri())
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .body(JsonNode.class);
        } catch (HttpStatusCodeException e) {
            JsonNode error = readQuietly(e);
            if (error != null && error.has("code")) {
                throw refused(FeishuResponses.problem(error));
            }
            throw new OAuth2AuthorizationException(new OAuth2Error(
                    "invalid_token_response",
                    "Feishu's token endpoint answered " + e.getStatusCode().value(),
                    null));
        } catch (RestClientException e) {
            throw new OAuth2AuthorizationException(new OAuth2Error(
                    "invalid_token_response", "Feishu's token endpoint could not be reached: " + e.getMessage(), null));
        }
        JsonNode token = FeishuResponses.payload(answer);
        if (token == null) {
            throw refused(FeishuResponses.problem(answer));
        }
        if (!token.path("access_token").isTextual()) {
            throw new OAuth2AuthorizationException(new OAuth2Error(
                    "invalid_token_response", "Feishu's token endpoint answered without an access token", null));
        }
        return OAuth2AccessTokenResponse.withToken(token.path("access_token").asText())
                .tokenType(OAuth2AccessToken.TokenType.BEARER)
                .expiresIn(token.path("expires_in").asLong(7200))
                .build();
    }

    private static JsonNode readQuietly(HttpStatusCodeException e) {
        try {
            return JSON.readTree(e.getResponseBodyAsByteArray());
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static OAuth2AuthorizationException refused(String problem) {
        return new OAuth2AuthorizationException(
                new OAuth2Error(FeishuResponses.ERROR, "Feishu refused the sign-in: " + problem, null));
    }
}
