package dev.tollgate.adapter.out.captcha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.account.port.out.CaptchaPort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cloudflare Turnstile, as one-api uses it: the browser's token is posted with the secret key (and the client's
 * address) as a form to the verify URL ({@code siteverify}), which answers {@code {"success": true|false, ...}}.
 * Anything but a 200 with {@code "success": true} is a refusal; so is a time-out or an unreachable service.
 */
public class TurnstileCaptchaAdapter implements CaptchaPort {
    private static final Logger log = LoggerFactory.getLogger(TurnstileCaptchaAdapter.class);
    private static final int MAX_TOKEN_CHARS = 2048;

    /**
     * @param siteKey the public key the sign-up page renders the widget with
     * @param secretKey the secret key; blank: no CAPTCHA
     * @param verifyUrl Turnstile's {@code siteverify} endpoint
     * @param timeout the longest one verification may take
     */
    public record Settings(String siteKey, String secretKey, URI verifyUrl, Duration timeout) {
        @Override
        public String toString() {
            return "Settings[siteKey=" + siteKey + ", verifyUrl=" + verifyUrl + ", timeout=" + timeout + "]";
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public TurnstileCaptchaAdapter(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public boolean enabled() {
        return settings.secretKey() != null && !settings.secretKey().isBlank();
    }

    @Override
    public String siteKey() {
        return settings.siteKey();
    }

    @Override
    public boolean verify(String token, String clientAddress) {
        if (!enabled() || token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
            return false;
        }
        String form = "secret=" + encode(settings.secretKey()) + "&response=" + encode(token)
                + (clientAddress == null ? "" : "&remoteip=" + encode(clientAddress));
        HttpRequest request = HttpRequest.newBuilder(settings.verifyUrl())
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                log.warn("the CAPTCHA service answered {}: registration refused", response.statusCode());
                return false;
            }
            JsonNode answer = json.readTree(response.body());
            return answer != null && answer.path("success").asBoolean(false);
        } catch (IOException e) {
            log.warn("the CAPTCHA service could not be asked ({}): registration refused", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
