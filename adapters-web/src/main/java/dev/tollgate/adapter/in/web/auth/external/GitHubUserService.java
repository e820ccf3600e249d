package dev.tollgate.adapter.in.web.auth.external;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Who signed in at GitHub: {@code GET /user} (the numeric {@code id} is the identity; {@code login} suggests a
 * username) and {@code GET /user/emails} for the primary e-mail, kept only when GitHub marks it verified (the e-mail
 * on the profile may be unverified or hidden).
 */
class GitHubUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {
    static final String VERIFIED_EMAIL = "verified_primary_email";
    private final RestClient http = ProviderHttp.restClient();

    @Override
    public OAuth2User loadUser(OAuth2UserRequest request) {
        String userUri = request.getClientRegistration()
                .getProviderDetails()
                .getUserInfoEndpoint()
                .getUri();
        String token = request.getAccessToken().getTokenValue();
        JsonNode user = get(userUri, token, "the user");
        if (user == null || !user.path("id").canConvertToLong()) {
            throw failure("GitHub's user API answered without a user id");
        }
        JsonNode emails = get(userUri + "/emails", token, "the e-mail addresses");
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("id", user.path("id").asText());
        attributes.put("login", text(user, "login"));
        attributes.put("name", text(user, "name"));
        attributes.put(VERIFIED_EMAIL, primaryVerifiedEmail(emails));
        return new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")), attributes, "id");
    }

    private JsonNode get(String uri, String token, String what) {
        try {
            return http.get()
                    .uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header(HttpHeaders.ACCEPT, "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", "2022-11-28")
                    .retrieve()
                    .body(JsonNode.class);
        } catch (RestClientException e) {
            throw failure("GitHub's user API did not return " + what + " (" + e.getMessage() + ")");
        }
    }

    static String primaryVerifiedEmail(JsonNode emails) {
        if (emails != null && emails.isArray()) {
            for (JsonNode e : emails) {
                if (e.path("primary").asBoolean(false)
                        && e.path("verified").asBoolean(false)
                        && e.path("email").isTextual()) {
                    return e.path("email").asText();
                }
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static OAuth2AuthenticationException failure(String message) {
        return new OAuth2AuthenticationException(new OAuth2Error("invalid_user_info_response", message, null), message);
    }
}
