package dev.tollgate.adapter.in.web.auth.external;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client for the providers' token and user APIs: bounded connect and read times, no redirects, HTTP/1.1 (no
 * cleartext HTTP/2 upgrade attempts against plain-HTTP endpoints).
 */
final class ProviderHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private ProviderHttp() {}

    static JdkClientHttpRequestFactory requestFactory() {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        factory.setReadTimeout(READ_TIMEOUT);
        return factory;
    }

    static RestClient restClient() {
        return RestClient.builder().requestFactory(requestFactory()).build();
    }
}
