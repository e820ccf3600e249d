package dev.tollgate.adapter.in.web.user;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.SessionOnly;
import dev.tollgate.application.account.port.in.AccessTokenUseCase;
import dev.tollgate.application.account.port.in.AccessTokenUseCase.AccessTokenView;
import dev.tollgate.application.account.port.in.AccessTokenUseCase.CreatedAccessToken;
import dev.tollgate.application.account.port.in.AccessTokenUseCase.NewAccessToken;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's personal access tokens for the admin API (scripts, CI). The secret is in the creation answer
 * only. A personal access token cannot call these (it would mint others): sign in.
 */
@SessionOnly
@RestController
@RequestMapping("/api/v1/users/me/access-tokens")
public class AccessTokenController {
    private final AccessTokenUseCase accessTokens;

    public AccessTokenController(AccessTokenUseCase accessTokens) {
        this.accessTokens = accessTokens;
    }

    /** The creation answer: the token's view plus, this once, the token itself. */
    record Created(String token, @JsonUnwrapped AccessTokenView accessToken) {
        @Override
        public String toString() {
            return "Created[token=<hidden>, accessToken=" + accessToken + "]";
        }
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<Created> create(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("name", "scope", "expiresAt");
        CreatedAccessToken created = accessTokens.create(
                new NewAccessToken(body.text("name"), body.text("scope"), body.instant("expiresAt")),
                CurrentCaller.of(auth));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(created.token(), created.accessToken()));
    }

    @GetMapping
    Map<String, List<AccessTokenView>> list(Authentication auth) {
        return Map.of("items", accessTokens.list(CurrentCaller.of(auth)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id, Authentication auth) {
        accessTokens.revoke(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }
}
