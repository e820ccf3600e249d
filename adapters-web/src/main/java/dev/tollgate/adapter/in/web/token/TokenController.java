package dev.tollgate.adapter.in.web.token;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.token.port.in.IssueTokenRequest;
import dev.tollgate.application.token.port.in.IssueTokenUseCase;
import dev.tollgate.application.token.port.in.IssuedToken;
import dev.tollgate.application.token.port.in.ListTokensUseCase;
import dev.tollgate.application.token.port.in.ManageTokenUseCase;
import dev.tollgate.application.token.port.in.TokenChanges;
import dev.tollgate.application.token.port.in.TokenQueryUseCase;
import dev.tollgate.application.token.query.TokenView;
import dev.tollgate.domain.common.InvalidValueException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API keys of the signed-in user (platform admins: every key). The clear key is in the creation answer only. */
@RestController
public class TokenController {
    private final IssueTokenUseCase issue;
    private final ManageTokenUseCase manage;
    private final TokenQueryUseCase query;
    private final ListTokensUseCase lists;

    public TokenController(
            IssueTokenUseCase issue, ManageTokenUseCase manage, TokenQueryUseCase query, ListTokensUseCase lists) {
        this.issue = issue;
        this.manage = manage;
        this.query = query;
        this.lists = lists;
    }

    /** The creation answer: the key's view plus, this once, the key itself. */
    record CreatedToken(String key, @JsonUnwrapped TokenView token) {
        @Override
        public String toString() {
            return "CreatedToken[key=<hidden>, token=" + token + "]";
        }
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/tokens")
    ResponseEntity<CreatedToken> create(@RequestBody JsonNode json, Authentication auth) {
        IssuedToken issued = issue.issue(request(json), CurrentCaller.of(auth));
        return ResponseEntity.created(
                        URI.create("/api/v1/tokens/" + issued.token().id()))
                .body(new CreatedToken(issued.key(), issued.token()));
    }

    /** A key of the caller in one of their organisations (its wallet pays; its grants and key defaults apply). */
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/organizations/{organizationId}/tokens")
    ResponseEntity<CreatedToken> createInOrganization(
            @PathVariable String organizationId, @RequestBody JsonNode json, Authentication auth) {
        IssuedToken issued = issue.issue(request(json), organizationId, CurrentCaller.of(auth));
        return ResponseEntity.created(
                        URI.create("/api/v1/tokens/" + issued.token().id()))
                .body(new CreatedToken(issued.key(), issued.token()));
    }

    /**
     * The organisation's keys: all for its owner and admins, the caller's own for a member; filtered as the caller's
     * list ({@code q}, {@code status}).
     */
    @GetMapping("/api/v1/organizations/{organizationId}/tokens")
    Page<TokenView> listInOrganization(
            @PathVariable String organizationId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        return lists.listInOrganization(organizationId, CurrentCaller.of(auth), q, status, page, size);
    }

    private static IssueTokenRequest request(JsonNode json) {
        PatchBody body = new PatchBody(json)
                .requireOnly(
                        "name", "quota", "unlimitedQuota", "expiresAt", "models", "group", "subnets", "rpm", "tpm");
        boolean unlimited = Boolean.TRUE.equals(body.bool("unlimitedQuota"));
        Long quota = body.longValue("quota");
        if (!unlimited && quota == null) {
            throw new InvalidValueException("quota", "quota is required unless unlimitedQuota is true");
        }
        return new IssueTokenRequest(
                body.text("name"),
                quota == null ? 0 : quota,
                unlimited,
                body.instant("expiresAt"),
                body.strings("models"),
                body.text("group"),
                body.strings("subnets"),
                body.longValue("rpm"),
                body.longValue("tpm"));
    }

    @GetMapping(path = "/api/v1/tokens", params = "!after")
    Page<TokenView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        return lists.list(CurrentCaller.of(auth), q, status, page, size);
    }

    /**
     * The caller's keys (every key for an admin) by keyset, with the list's filters: {@code after} empty first, then
     * each {@code next}.
     */
    @GetMapping(path = "/api/v1/tokens", params = "after")
    CursorPage<TokenView> scroll(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam String after,
            @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        return lists.scroll(CurrentCaller.of(auth), q, status, after, size);
    }

    @GetMapping("/api/v1/tokens/{id}")
    TokenView get(@PathVariable String id, Authentication auth) {
        return query.get(id, CurrentCaller.of(auth));
    }

    @PatchMapping("/api/v1/tokens/{id}")
    TokenView update(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json)
                .requireOnly(
                        "name",
                        "status",
                        "quota",
                        "unlimitedQuota",
                        "expiresAt",
                        "models",
                        "group",
                        "subnets",
                        "rpm",
                        "tpm");
        TokenChanges changes = new TokenChanges(
                body.text("name"),
                body.text("status"),
                body.longValue("quota"),
                body.bool("unlimitedQuota"),
                body.instant("expiresAt"),
                body.isExplicitNull("expiresAt"),
                body.strings("models"),
                body.text("group"),
                body.strings("subnets"),
                body.longValue("rpm"),
                body.isExplicitNull("rpm"),
                body.longValue("tpm"),
                body.isExplicitNull("tpm"));
        return manage.update(id, changes, CurrentCaller.of(auth));
    }

    /** A new secret for the key, shown this once; same settings; the old secret is refused from now on. */
    @PostMapping("/api/v1/tokens/{id}/rotate")
    CreatedToken rotate(@PathVariable String id, Authentication auth) {
        IssuedToken rotated = manage.rotate(id, CurrentCaller.of(auth));
        return new CreatedToken(rotated.key(), rotated.token());
    }

    @DeleteMapping("/api/v1/tokens/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication auth) {
        manage.delete(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }
}
