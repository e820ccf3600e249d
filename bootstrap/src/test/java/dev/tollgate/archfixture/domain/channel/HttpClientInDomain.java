package dev.tollgate.archfixture.domain.channel;

import java.net.http.HttpClient;

/** Wrong: HTTP in the domain. */
public class HttpClientInDomain {

    private final HttpClient http = HttpClient.newHttpClient();

    HttpClient http() {
        return http;
    }
}
