package dev.tollgate.adapter.in.web.auth.external;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Who signed in at Feishu/Lark: {@code GET /open-apis/authen/v1/user_info}, unwrapped from its
 * {@code {code, msg, data}} envelope. The identity is the {@code open_id} (stable for this app).
 */
class FeishuUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {
    private final RestClient http = ProviderHttp.restClient();

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) {
        JsonNode answer;
        try {
            answer = http.get()
                    .uri(request.getClientRegistration()
                            .getProviderDetails()
                            .getUserInfoEndpoint()
                            .getUri())
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer " + request.getAccessToken().getTokenValue())
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(JsonNode.class);
        } catch (HttpStatusCodeException e) {
            throw failure(
                    "invalid_user_info_response",
                    "Feishu's user_info API answered " + e.getStatusCode().value());
        } catch (RestClientException e) {
            throw failure(
                    "invalid_user_info_response", "Feishu's user_info API could not be reached: " + e.getMessage());
        }
        JsonNode data = FeishuResponses.payload(answer);
        if (data == null) {
            throw failure(
                    FeishuResponses.ERROR, "Feishu refused to say who signed in: " + FeishuResponses.problem(answer));
        }
        if (!data.path("open_id").isTextual() || data.path("open_id").asText().isBlank()) {
            throw failure("invalid_user_info_response", "Feishu's user_info answer has no open_id");
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("open_id", data.path("open_id").asText());
        attributes.put("name", textOrNull(data, "name"));
        attributes.put("en_name", textOrNull(data, "en_name"));
        String email = textOrNull(data, "enterprise_email");
        attributes.put("email", email != null ? email : textOrNull(data, "email"));
        return new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")), attributes, "open_id");
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static OAuth2AuthenticationException failure(String code, String message) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, message, null), message);
    }
}
