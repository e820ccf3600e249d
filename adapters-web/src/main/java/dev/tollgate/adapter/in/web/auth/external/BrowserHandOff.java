package dev.tollgate.adapter.in.web.auth.external;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.in.web.error.Problems;
import dev.tollgate.application.account.port.in.ExternalSignInUseCase;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * How the browser flow ends. With a front-end URL configured, the browser is redirected there with the outcome in the
 * fragment (never sent to a server, never in access logs): {@code #code=…} (exchange it at
 * {@code POST /api/v1/auth/oauth/exchange}), {@code #link_code=…} (confirm it at
 * {@code POST /api/v1/users/me/identities/link-complete}) or {@code #error=…&error_description=…}. Without one, the
 * same outcome is answered as JSON (a problem for a failure). The bearer token itself never appears in a URL. The
 * flow keeps no session (its state is in the database); should the browser bring one, it ends here.
 */
class BrowserHandOff {
    private final ExternalLoginSettings settings;
    private final Problems problems;
    private final ObjectMapper json;

    BrowserHandOff(ExternalLoginSettings settings, Problems problems, ObjectMapper json) {
        this.settings = settings;
        this.problems = problems;
        this.json = json;
    }

    void signedIn(HttpServletRequest request, HttpServletResponse response, String code) throws IOException {
        succeed(request, response, "code", code);
    }

    void linkPending(HttpServletRequest request, HttpServletResponse response, String code) throws IOException {
        succeed(request, response, "link_code", code);
    }

    void failed(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String error, String message)
            throws IOException {
        endSession(request);
        if (settings.redirectsToFrontend()) {
            redirect(response, "error=" + encode(error) + "&error_description=" + encode(message));
        } else {
            problems.write(request, response, status, error, message);
        }
    }

    private void succeed(HttpServletRequest request, HttpServletResponse response, String name, String code)
            throws IOException {
        endSession(request);
        long ttl = ExternalSignInUseCase.CODE_TTL_SECONDS;
        if (settings.redirectsToFrontend()) {
            redirect(response, name + "=" + encode(code) + "&expires_in=" + ttl);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("link_code".equals(name) ? "linkCode" : "code", code);
            body.put("expiresIn", ttl);
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Cache-Control", "no-store");
            json.writeValue(response.getOutputStream(), body);
        }
    }

    private void redirect(HttpServletResponse response, String fragment) {
        String base = settings.frontendUrl().trim();
        int hash = base.indexOf('#');
        if (hash >= 0) {
            base = base.substring(0, hash);
        }
        response.setStatus(HttpStatus.FOUND.value());
        response.setHeader("Location", base + "#" + fragment);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static void endSession(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
