package dev.tollgate.adapter.in.web.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.configfile.ConfigFileManaged;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.adapter.in.web.security.SessionOnly;
import dev.tollgate.application.account.port.in.AccountView;
import dev.tollgate.application.account.port.in.ListUsersUseCase;
import dev.tollgate.application.account.port.in.ManageUsersUseCase;
import dev.tollgate.application.account.port.in.NewUser;
import dev.tollgate.application.account.port.in.RegistrationAdmissionUseCase;
import dev.tollgate.application.account.port.in.SelfServiceUseCase;
import dev.tollgate.application.account.port.in.UserChanges;
import dev.tollgate.application.account.port.in.UserFilter;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.billing.port.in.WalletView;
import dev.tollgate.application.common.Cursor;
import dev.tollgate.application.common.CursorPage;
import dev.tollgate.application.common.CursorRequest;
import dev.tollgate.application.common.Page;
import dev.tollgate.application.common.PageRequest;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users: platform admins manage them ({@code /api/v1/users}); everyone reads themselves and changes their own
 * password ({@code /api/v1/users/me}); self-registration ({@code POST /api/v1/auth/register}) when the registration
 * mode is open ({@code /api/v1/settings/registration}). Fields a caller may not set are refused with 400.
 */
@RestController
public class UserController {
    private final ManageUsersUseCase users;
    private final ListUsersUseCase userList;
    private final SelfServiceUseCase self;
    private final WalletUseCase wallets;
    private final RegistrationAdmissionUseCase admission;

    public UserController(
            ManageUsersUseCase users,
            ListUsersUseCase userList,
            SelfServiceUseCase self,
            WalletUseCase wallets,
            RegistrationAdmissionUseCase admission) {
        this.userList = userList;
        this.users = users;
        this.self = self;
        this.wallets = wallets;
        this.admission = admission;
    }

    /** The user's wallet: balance, credited, debited, used, reserved (units; 500,000 = 1 USD). */
    @GetMapping("/api/v1/users/{id}/wallet")
    WalletView wallet(@PathVariable String id, Authentication auth) {
        return wallets.wallet(id, CurrentCaller.of(auth));
    }

    /** Body {@code {"amount", "reason", "kind"?}} ({@code top_up} by default, or {@code adjustment}); admins only. */
    @PlatformAdminOnly
    @PostMapping("/api/v1/users/{id}/wallet/credits")
    WalletView credit(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("amount", "reason", "kind");
        Long amount = body.longValue("amount");
        return wallets.credit(
                id, amount == null ? 0 : amount, body.text("kind"), body.text("reason"), CurrentCaller.of(auth));
    }

    /** Body {@code {"amount", "reason"}}: a negative adjustment, never below zero (409); admins only. */
    @PlatformAdminOnly
    @PostMapping("/api/v1/users/{id}/wallet/debits")
    WalletView debit(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("amount", "reason");
        Long amount = body.longValue("amount");
        return wallets.debit(id, amount == null ? 0 : amount, body.text("reason"), CurrentCaller.of(auth));
    }

    @PlatformAdminOnly
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/users")
    ResponseEntity<AccountView> create(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("username", "password", "role");
        AccountView created = users.create(
                new NewUser(body.text("username"), body.text("password"), body.text("role")), CurrentCaller.of(auth));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id()))
                .body(created);
    }

    @PlatformAdminOnly
    /**
     * The users, a page at a time: unfiltered from the read side's table (ADR 12); with a search or a filter
     * ({@code q}, {@code role}, {@code status}) from the accounts in memory.
     */
    @GetMapping(path = "/api/v1/users", params = "!after")
    Page<AccountView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        UserFilter filter = new UserFilter(new TextSearch(q), role, status);
        if (q == null && role == null && status == null) {
            return userList.list(CurrentCaller.of(auth), new PageRequest(page, size));
        }
        return users.list(CurrentCaller.of(auth), filter, new PageRequest(page, size));
    }

    /** The users by keyset ({@code after}: empty for the first page, then each answer's {@code next}). */
    @PlatformAdminOnly
    @GetMapping(path = "/api/v1/users", params = "after")
    CursorPage<AccountView> scroll(
            @RequestParam String after, @RequestParam(defaultValue = "20") int size, Authentication auth) {
        return userList.scroll(CurrentCaller.of(auth), new CursorRequest(Cursor.decode(after), size));
    }

    @GetMapping("/api/v1/users/me")
    AccountView me(Authentication auth) {
        return users.get(CurrentCaller.of(auth).userId(), CurrentCaller.of(auth));
    }

    /** Body {@code {"currentPassword", "newPassword"}}; every other session of the user ends. */
    @SessionOnly
    @PutMapping("/api/v1/users/me/password")
    ResponseEntity<Void> changePassword(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("currentPassword", "newPassword");
        self.changePassword(CurrentCaller.of(auth), body.text("currentPassword"), body.text("newPassword"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/users/{id}")
    AccountView get(@PathVariable String id, Authentication auth) {
        return users.get(id, CurrentCaller.of(auth));
    }

    @PlatformAdminOnly
    @PatchMapping("/api/v1/users/{id}")
    AccountView update(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("role", "status");
        return users.update(id, new UserChanges(body.text("role"), body.text("status")), CurrentCaller.of(auth));
    }

    /** Ends every session of the user at once (admins; an ADMIN only for USERs): 204. Keys keep working. */
    @PlatformAdminOnly
    @DeleteMapping("/api/v1/users/{id}/sessions")
    ResponseEntity<Void> endSessions(@PathVariable String id, Authentication auth) {
        users.endSessions(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    @PlatformAdminOnly
    @DeleteMapping("/api/v1/users/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Authentication auth) {
        users.delete(id, CurrentCaller.of(auth));
        return ResponseEntity.noContent().build();
    }

    /**
     * Body {@code {"username", "password", "inviteCode"?, "organizationInvitation"?, "captchaToken"?}}; anything else
     * (a role, a quota…) is refused. No sign-in needed; the client's address and, while registration is open, the
     * CAPTCHA are checked first ({@link RegistrationAdmissionUseCase}).
     */
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/auth/register")
    ResponseEntity<AccountView> register(@RequestBody JsonNode json, HttpServletRequest request) {
        admission.admit(
                request.getRemoteAddr(),
                json != null && json.path("captchaToken").isTextual()
                        ? json.path("captchaToken").asText()
                        : null);
        PatchBody body = new PatchBody(json)
                .requireOnly("username", "password", "inviteCode", "organizationInvitation", "captchaToken");
        AccountView created = self.register(
                body.text("username"),
                body.text("password"),
                body.text("inviteCode"),
                body.text("organizationInvitation"));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id()))
                .body(created);
    }

    /**
     * The registration mode, public (a sign-in page shows "register" only when it is open), and the CAPTCHA's site key
     * ({@code turnstileSiteKey}) when registration needs one.
     */
    @GetMapping("/api/v1/auth/registration")
    Map<String, String> registrationMode() {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("mode", self.registrationMode());
        admission.captchaSiteKey().ifPresent(key -> answer.put("turnstileSiteKey", key));
        return answer;
    }

    @PlatformAdminOnly
    @ConfigFileManaged(ManagedKind.REGISTRATION)
    @PutMapping("/api/v1/settings/registration")
    Map<String, String> setRegistrationMode(@RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("mode");
        return Map.of("mode", self.setRegistrationMode(body.text("mode"), CurrentCaller.of(auth)));
    }
}
