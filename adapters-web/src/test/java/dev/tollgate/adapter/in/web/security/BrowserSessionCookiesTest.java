package dev.tollgate.adapter.in.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The session cookie's name and flags on HTTP and HTTPS (the end-to-end tests see plain HTTP only). */
class BrowserSessionCookiesTest {

    @Test
    void givenHttps_whenSettingTheSession_thenHostPrefixedSecureHttpOnlyStrictCookie() {
        // given
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSecure(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        // when
        BrowserSessionCookies.set(request, response, "token-value", Duration.ofHours(12));

        // then
        assertThat(response.getHeader("Set-Cookie"))
                .startsWith("__Host-tollgate-session=token-value; Path=/; Max-Age=43200;")
                .endsWith("; Secure; HttpOnly; SameSite=Strict")
                .doesNotContain("Domain");
    }

    @Test
    void givenHttp_whenSettingTheSession_thenNoSecureFlagAndNoPrefix() {
        // given
        MockHttpServletRequest request = new MockHttpServletRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();

        // when
        BrowserSessionCookies.set(request, response, "token-value", Duration.ofMinutes(5));

        // then
        assertThat(response.getHeader("Set-Cookie"))
                .startsWith("tollgate-session=token-value; Path=/; Max-Age=300;")
                .endsWith("; HttpOnly; SameSite=Strict")
                .doesNotContain("Secure");
    }

    @Test
    void givenHttps_whenAPlainNamedCookieArrives_thenItIsNotTakenForTheSession() {
        // given: a cookie a sibling host or plain-HTTP page could have planted
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSecure(true);
        request.setCookies(new Cookie("tollgate-session", "planted"));

        // when / then
        assertThat(BrowserSessionCookies.read(request)).isNull();
        request.setCookies(new Cookie("__Host-tollgate-session", "real"));
        assertThat(BrowserSessionCookies.read(request)).isEqualTo("real");
    }

    @Test
    void givenASession_whenSigningOut_thenTheCookieIsExpiredWithTheSameFlags() {
        // given
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setSecure(true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        // when
        BrowserSessionCookies.clear(request, response);

        // then
        assertThat(response.getHeader("Set-Cookie"))
                .startsWith("__Host-tollgate-session=; Path=/; Max-Age=0;")
                .contains("Secure", "HttpOnly", "SameSite=Strict");
    }
}
