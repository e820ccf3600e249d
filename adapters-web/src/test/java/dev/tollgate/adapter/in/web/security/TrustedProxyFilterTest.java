package dev.tollgate.adapter.in.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.in.web.ClientAddresses;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the admin API takes for the client's address, with and without a trusted proxy in front. */
class TrustedProxyFilterTest {

    private static String addressSeenBehind(List<String> trustedProxies, String peer, String forwardedFor)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/auth/register");
        request.setRemoteAddr(peer);
        request.addHeader("X-Forwarded-For", forwardedFor);
        AtomicReference<String> seen = new AtomicReference<>();
        new TrustedProxyFilter(new ClientAddresses(trustedProxies))
                .doFilter(
                        request,
                        new MockHttpServletResponse(),
                        (ServletRequest req, ServletResponse res) -> seen.set(req.getRemoteAddr()));
        return seen.get();
    }

    @Test
    void givenNoTrustedProxy_whenAClientSendsXForwardedFor_thenItsOwnAddressIsKept() throws Exception {
        assertThat(new ClientAddresses(List.of()).trustsAnyProxy()).isFalse();
        assertThat(addressSeenBehind(List.of(), "198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
    }

    @Test
    void givenATrustedProxy_whenAnUntrustedPeerSendsXForwardedFor_thenThePeerIsTheClient() throws Exception {
        assertThat(addressSeenBehind(List.of("10.0.0.0/8"), "198.51.100.7", "203.0.113.9"))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void givenATrustedProxy_whenItForwards_thenTheRightMostUntrustedEntryIsTheClient() throws Exception {
        assertThat(addressSeenBehind(List.of("10.0.0.0/8"), "10.0.0.5", "192.0.2.66, 203.0.113.9, 10.0.0.4"))
                .isEqualTo("203.0.113.9");
    }
}
