package dev.tollgate.adapter.in.web.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.channel.port.in.UpstreamProxyUseCase;
import dev.tollgate.application.channel.port.in.UpstreamProxyUseCase.ProxyView;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outbound proxies (platform admins only): the installation's ({@code GET|PUT|DELETE /api/v1/settings/proxy}) and a
 * channel's own, which wins over it ({@code GET|PUT|DELETE /api/v1/channels/{id}/proxy}). PUT takes
 * {@code {"url":"socks5://user:password@host:port"}} (or {@code http://…}); answers show
 * {@code {"scheme","host","port","authenticated"}}, never the credentials. GET answers 204 when none is set.
 */
@RestController
public class UpstreamProxyController {
    private final UpstreamProxyUseCase proxies;

    public UpstreamProxyController(UpstreamProxyUseCase proxies) {
        this.proxies = proxies;
    }

    @PlatformAdminOnly
    @GetMapping("/api/v1/settings/proxy")
    ResponseEntity<ProxyView> global(Authentication auth) {
        return answer(proxies.globalProxy(CurrentCaller.of(auth)));
    }

    @PlatformAdminOnly
    @PutMapping("/api/v1/settings/proxy")
    ProxyView setGlobal(@RequestBody JsonNode json, Authentication auth) {
        return proxies.setGlobalProxy(url(json), CurrentCaller.of(auth));
    }

    @PlatformAdminOnly
    @DeleteMapping("/api/v1/settings/proxy")
    ResponseEntity<Void> removeGlobal(Authentication auth) {
        proxies.removeGlobalProxy(CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    @PlatformAdminOnly
    @GetMapping("/api/v1/channels/{id}/proxy")
    ResponseEntity<ProxyView> channel(@PathVariable String id, Authentication auth) {
        return answer(proxies.channelProxy(id, CurrentCaller.of(auth)));
    }

    @PlatformAdminOnly
    @PutMapping("/api/v1/channels/{id}/proxy")
    ProxyView setChannel(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        proxies.channelProxy(id, CurrentCaller.of(auth)); // authorised (and the channel found) before validation
        return proxies.setChannelProxy(id, url(json), CurrentCaller.of(auth));
    }

    @PlatformAdminOnly
    @DeleteMapping("/api/v1/channels/{id}/proxy")
    ResponseEntity<Void> removeChannel(@PathVariable String id, Authentication auth) {
        proxies.removeChannelProxy(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    private static String url(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidValueException("body", "the body must be a JSON object {\"url\"}");
        }
        String url = new PatchBody(json).requireOnly("url").text("url");
        if (url == null) {
            throw new InvalidValueException(
                    "url",
                    "url is required: http://host:port or socks5://host:port, "
                            + "optionally with user:password@ before the host");
        }
        return url;
    }

    private static ResponseEntity<ProxyView> answer(Optional<ProxyView> proxy) {
        return proxy.map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
