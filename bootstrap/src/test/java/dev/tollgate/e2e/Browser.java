package dev.tollgate.e2e;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser for the OAuth flows, driven by hand: it keeps cookies and follows nothing by itself, so a test sees every
 * redirect (to the provider, back to Tollgate's callback, on to the front end).
 */
final class Browser {
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    /** A GET with this cookie besides the ones the browser keeps. */
    HttpResponse<String> get(String url, String cookie) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", cookie)
                .GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Follows redirects from {@code url} until one leaves for {@code stopAt} (not requested), returning its URL. */
    String followUntil(String url, String stopAt) {
        String next = url;
        for (int hop = 0; hop < 10; hop++) {
            if (next.startsWith(stopAt)) {
                return next;
            }
            HttpResponse<String> r = get(next);
            if (r.statusCode() != 302 && r.statusCode() != 303) {
                throw new IllegalStateException(
                        "expected a redirect from " + next + " but got " + r.statusCode() + ": " + r.body());
            }
            next = URI.create(next)
                    .resolve(r.headers().firstValue("Location").orElseThrow())
                    .toString();
        }
        throw new IllegalStateException("too many redirects from " + url);
    }

    static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no Location in a " + response.statusCode() + " answer"));
    }

    /** The parameters of a URL's query ({@code ?a=b&c=d}) or fragment ({@code #a=b}). */
    static Map<String, String> params(String url, char separator) {
        Map<String, String> params = new LinkedHashMap<>();
        int at = url.indexOf(separator);
        if (at < 0) {
            return params;
        }
        String part = url.substring(at + 1);
        int hash = separator == '?' ? part.indexOf('#') : -1;
        if (hash >= 0) {
            part = part.substring(0, hash);
        }
        for (String pair : part.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
