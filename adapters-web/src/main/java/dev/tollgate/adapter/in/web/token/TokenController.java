package dev.tollgate.adapter.in.web.token;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.token.port.in.IssueTokenRequest;
import dev.tollgate.application.token.port.in.IssueTokenUseCase;
import dev.tollgate.application.token.port.in.IssuedToken;
import dev.tollgate.application.token.port.in.ManageTokenUseCase;
import dev.tollgate.application.token.port.in.TokenChanges;
import dev.tollgate.application.token.port.in.TokenQueryUseCase;
import dev.tollgate.application.token.query.TokenView;
import dev.tollgate.domain.common.InvalidValueException;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** API keys of the signed-in user (platform admins: every key). The clear key is in the creation answer only. */
@RestController
@RequestMapping("/api/v1/tokens")
public class TokenController {
    private final IssueTokenUseCase issue;
    private final ManageTokenUseCase manage;
    private final TokenQueryUseCase query;

    public TokenController(IssueTokenUseCase issue, ManageTokenUseCase manage, TokenQueryUseCase query) {
        this.issue = issue;
        this.manage = manage;
        this.query = query;
    }

    /** The creation answer: the key's view plus, this once, the key itself. */
    record CreatedToken(String key, @JsonUnwrapped TokenView token) {
        @Override
        public String toString() {
            return "CreatedToken[key=<hidden>, token=" + token + "]";
        }
    }

    @PostMapping
    ResponseEntity<CreatedToken> create(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("name", "quota", "unlimitedQuota", "expiresAt",
                "models", "group", "subnets", "rpm", "tpm");
        boolean unlimited = Boolean.TRUE.equals(body.bool("unlimitedQuota"));
        Long quota = body.longValue("quota");
        if (!unlimited && quota == null) {
            throw new InvalidValueException("quota", "quota is required unless unlimitedQuota is true");
        }
        IssuedToken issued = issue.issue(new IssueTokenRequest(body.text("name"), quota == null ? 0 : quota,
                unlimited, body.instant("expiresAt"), body.strings("models"), body.text("group"),
                body.strings("subnets"), body.longValue("rpm"), body.longValue("tpm")), CurrentCaller.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id()))
                .body(new CreatedToken(issued.key(), issued.token()));
    }

    @GetMapping
    Page<TokenView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        return query.list(CurrentCaller.of(auth), new PageRequest(page, size));
    }

    @GetMapping("/{id}")
    TokenView get(@PathVariable String id, Authentication auth) {
        return query.get(id, CurrentCaller.of(auth));
    }

    @PatchMapping("/{id}")
    TokenView update(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("name", "status", "quota", "unlimitedQuota",
                "expiresAt", "models", "group", "subnets", "rpm", "tpm");
        TokenChanges changes = new TokenChanges(body.text("name"), body.text("status"), body.longValue("quota"),
                body.bool("unlimitedQuota"), body.instant("expiresAt"), body.isExplicitNull("expiresAt"),
                body.strings("models"), body.text("group"), body.strings("subnets"), body.longValue("rpm"),
                body.isExplicitNull("rpm"), body.longValue("tpm"), body.isExplicitNull("tpm"));
        return manage.update(id, changes, CurrentCaller.of(auth));
    }

    /** A new secret for the key, shown this once; same settings; the old secret is refused from now on. */
    @PostMapping("/{id}/rotate")
    CreatedToken rotate(@PathVariable String id, Authentication auth) {
        IssuedToken rotated = manage.rotate(id, CurrentCaller.of(auth));
        return new CreatedToken(rotated.key(), rotated.token());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication auth) {
        manage.delete(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }
}
