package dev.tollgate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;

/**
 * GitHub and Feishu as local fake authorization servers (WireMock on loopback). The authorize pages approve at once
 * (or refuse, when told to) and send the browser back to the redirect URI with the code and the state they were
 * given; the token and user endpoints answer for the code and token of the identity the test chose.
 */
final class FakeOAuthProviders implements AutoCloseable {
    static final String GITHUB_CLIENT = "gh-client";
    static final String GITHUB_SECRET = "gh-secret";
    static final String FEISHU_CLIENT = "cli_feishu";
    static final String FEISHU_SECRET = "feishu-secret";

    private final WireMockServer server =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    FakeOAuthProviders() {
        server.start();
    }

    String githubBaseUrl() {
        return server.baseUrl() + "/github";
    }

    String githubApiUrl() {
        return server.baseUrl() + "/github-api";
    }

    String feishuHost() {
        return server.baseUrl() + "/feishu-open";
    }

    String feishuAccountsHost() {
        return server.baseUrl() + "/feishu-accounts";
    }

    WireMockServer server() {
        return server;
    }

    /** The next GitHub sign-in is the user {@code id}/{@code login} with these e-mails ([address, primary, verified]). */
    void nextGitHubUser(long id, String login, List<Object[]> emails) {
        String code = "gh-code-" + id;
        String token = "gho_token_" + id;
        approve("/github/login/oauth/authorize", code);
        server.stubFor(post(urlPathEqualTo("/github/login/oauth/access_token"))
                .withBasicAuth(GITHUB_CLIENT, GITHUB_SECRET)
                .withRequestBody(WireMock.containing("code=" + code))
                .willReturn(json(
                        200,
                        "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\","
                                + "\"scope\":\"read:user,user:email\"}")));
        server.stubFor(get(urlPathEqualTo("/github-api/user"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(
                        200,
                        "{\"id\":" + id + ",\"login\":\"" + login + "\",\"name\":\"" + login
                                + " Example\",\"email\":null}")));
        StringBuilder list = new StringBuilder("[");
        for (Object[] e : emails) {
            list.append(list.length() > 1 ? "," : "")
                    .append("{\"email\":\"")
                    .append(e[0])
                    .append("\",\"primary\":")
                    .append(e[1])
                    .append(",\"verified\":")
                    .append(e[2])
                    .append(",\"visibility\":null}");
        }
        server.stubFor(get(urlPathEqualTo("/github-api/user/emails"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(200, list.append("]").toString())));
    }

    /** The next GitHub authorize page refuses: the browser returns with {@code error=access_denied}. */
    void nextGitHubRefusal() {
        nextGitHubRefusal("The+user+has+denied+your+application+access.");
    }

    /** The next GitHub sign-in is refused with this (URL-encoded) {@code error_description}. */
    void nextGitHubRefusal(String encodedDescription) {
        server.stubFor(get(urlPathEqualTo("/github/login/oauth/authorize"))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader(
                                "Location",
                                "{{{request.query.redirect_uri}}}?error=access_denied" + "&error_description="
                                        + encodedDescription + "&state={{{request.query.state}}}")
                        .withTransformers("response-template")));
    }

    /** The next GitHub sign-in gets a code that GitHub's token endpoint then fails on with a 500. */
    void nextGitHubTokenFailure() {
        approve("/github/login/oauth/authorize", "gh-code-broken");
        server.stubFor(post(urlPathEqualTo("/github/login/oauth/access_token"))
                .withRequestBody(WireMock.containing("code=gh-code-broken"))
                .willReturn(aResponse().withStatus(500).withBody("upstream exploded")));
    }

    /** The next Feishu sign-in is the person {@code openId} named {@code name} ({@code enName} in English). */
    void nextFeishuUser(String openId, String name, String enName) {
        String code = "fs-code-" + openId;
        String token = "u-token-" + openId;
        approve("/feishu-accounts/open-apis/authen/v1/authorize", code);
        server.stubFor(feishuToken(code)
                .willReturn(json(
                        200,
                        "{\"code\":0,\"access_token\":\"" + token
                                + "\",\"expires_in\":7200,\"token_type\":\"Bearer\",\"scope\":\"\"}")));
        server.stubFor(get(urlPathEqualTo("/feishu-open/open-apis/authen/v1/user_info"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(json(
                        200,
                        "{\"code\":0,\"msg\":\"success\",\"data\":{\"name\":\"" + name
                                + "\",\"en_name\":\"" + enName + "\",\"open_id\":\"" + openId + "\",\"union_id\":\"on_"
                                + openId + "\",\"email\":\"" + enName + "@corp.example\",\"tenant_key\":\"t1\"}}")));
    }

    /** The next Feishu sign-in's code is refused by the token endpoint with a non-zero {@code code}. */
    void nextFeishuTokenRefusal() {
        approve("/feishu-accounts/open-apis/authen/v1/authorize", "fs-code-expired");
        server.stubFor(feishuToken("fs-code-expired")
                .willReturn(json(
                        400,
                        "{\"code\":20003,\"error\":"
                                + "\"invalid_grant\",\"error_description\":\"The authorization code has expired.\"}")));
    }

    /** The next Feishu sign-in gets a token, but user_info answers with a non-zero {@code code}. */
    void nextFeishuUserInfoRefusal() {
        approve("/feishu-accounts/open-apis/authen/v1/authorize", "fs-code-noinfo");
        server.stubFor(
                feishuToken("fs-code-noinfo")
                        .willReturn(
                                json(
                                        200,
                                        "{\"code\":0,\"access_token\":\"u-token-noinfo\",\"expires_in\":7200,\"token_type\":\"Bearer\"}")));
        server.stubFor(get(urlPathEqualTo("/feishu-open/open-apis/authen/v1/user_info"))
                .withHeader("Authorization", equalTo("Bearer u-token-noinfo"))
                .willReturn(json(
                        200,
                        "{\"code\":99991672,\"msg\":\"app has no permission to read user info\"," + "\"data\":{}}")));
    }

    private MappingBuilder feishuToken(String code) {
        return post(urlPathEqualTo("/feishu-open/open-apis/authen/v2/oauth/token"))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(matchingJsonPath("$.grant_type", equalTo("authorization_code")))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(FEISHU_CLIENT)))
                .withRequestBody(matchingJsonPath("$.client_secret", equalTo(FEISHU_SECRET)))
                .withRequestBody(matchingJsonPath("$.code", equalTo(code)))
                .withRequestBody(matchingJsonPath("$.redirect_uri"));
    }

    /** The authorize page approves at once: back to the redirect URI with {@code code} and the state it was given. */
    private void approve(String path, String code) {
        server.stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader(
                                "Location",
                                "{{{request.query.redirect_uri}}}?code=" + code + "&state={{{request.query.state}}}")
                        .withTransformers("response-template")));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
