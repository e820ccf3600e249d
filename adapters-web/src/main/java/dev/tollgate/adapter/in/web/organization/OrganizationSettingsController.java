package dev.tollgate.adapter.in.web.organization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.in.web.PatchBody;
import dev.tollgate.adapter.in.web.configfile.ConfigFileManaged;
import dev.tollgate.adapter.in.web.security.CurrentCaller;
import dev.tollgate.adapter.in.web.security.PlatformAdminOnly;
import dev.tollgate.application.billing.port.in.WalletUseCase;
import dev.tollgate.application.billing.port.in.WalletView;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.configfile.port.in.ManagedKind;
import dev.tollgate.application.organization.port.in.OrganizationUseCase;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.BudgetView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.PolicyView;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an organisation is granted (groups, models, limits), its key defaults, its members' monthly budgets and its
 * wallet.
 */
@RestController
@RequestMapping("/api/v1/organizations/{id}")
public class OrganizationSettingsController {
    private final OrganizationUseCase organizations;
    private final WalletUseCase wallets;

    public OrganizationSettingsController(OrganizationUseCase organizations, WalletUseCase wallets) {
        this.organizations = organizations;
        this.wallets = wallets;
    }

    @GetMapping("/policy")
    PolicyView policy(@PathVariable String id, Authentication auth) {
        return organizations.policy(id, CurrentCaller.of(auth));
    }

    /**
     * Platform admins: {@code {"groups": [...], "models": [...], "rpm": n|null, "tpm": n|null}}; the whole grant is
     * replaced (absent lists are empty, absent limits none).
     */
    @PlatformAdminOnly
    @ConfigFileManaged(value = ManagedKind.ORGANIZATION, resource = "{id}")
    @PutMapping("/policy")
    PolicyView grant(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("groups", "models", "rpm", "tpm");
        return organizations.grant(
                id,
                body.strings("groups"),
                body.strings("models"),
                body.longValue("rpm"),
                body.longValue("tpm"),
                CurrentCaller.of(auth));
    }

    /** Owner and admins: {@code {"rpm": n|null, "tpm": n|null}} for keys that set none of their own. */
    @PutMapping("/key-defaults")
    PolicyView keyDefaults(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("rpm", "tpm");
        return organizations.setKeyDefaults(id, body.longValue("rpm"), body.longValue("tpm"), CurrentCaller.of(auth));
    }

    @GetMapping("/budgets")
    Map<String, List<BudgetView>> budgets(@PathVariable String id, Authentication auth) {
        return Map.of("items", organizations.budgets(id, CurrentCaller.of(auth)));
    }

    @GetMapping("/members/{userId}/budget")
    BudgetView budget(@PathVariable String id, @PathVariable String userId, Authentication auth) {
        return organizations.budget(id, userId, CurrentCaller.of(auth));
    }

    /** Owner and admins: {@code {"monthlyBudget": units|null}} (null removes the budget). */
    @PutMapping("/members/{userId}/budget")
    BudgetView setBudget(
            @PathVariable String id, @PathVariable String userId, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("monthlyBudget");
        if (!body.has("monthlyBudget")) {
            throw new InvalidValueException("monthlyBudget", "monthlyBudget is required (null removes the budget)");
        }
        return organizations.setBudget(id, userId, body.longValue("monthlyBudget"), CurrentCaller.of(auth));
    }

    @GetMapping("/members/{userId}/rate-limit")
    OrganizationUseCase.MemberLimitView memberLimit(
            @PathVariable String id, @PathVariable String userId, Authentication auth) {
        return organizations.memberLimit(id, userId, CurrentCaller.of(auth));
    }

    /** Owner and admins: {@code {"rpm": n|null, "tpm": n|null}} for all the member's keys in the organisation. */
    @PutMapping("/members/{userId}/rate-limit")
    OrganizationUseCase.MemberLimitView setMemberLimit(
            @PathVariable String id, @PathVariable String userId, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("rpm", "tpm");
        return organizations.setMemberLimit(
                id, userId, body.longValue("rpm"), body.longValue("tpm"), CurrentCaller.of(auth));
    }

    /** The organisation's wallet (a personal organisation's is its user's). */
    @GetMapping("/wallet")
    WalletView wallet(@PathVariable String id, Authentication auth) {
        return wallets.organizationWallet(id, CurrentCaller.of(auth));
    }

    /** Platform admins: {@code {"amount", "reason", "kind"?}} ({@code top_up} by default, or {@code adjustment}). */
    @PlatformAdminOnly
    @PostMapping("/wallet/credits")
    WalletView credit(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("amount", "reason", "kind");
        Long amount = body.longValue("amount");
        Caller caller = CurrentCaller.of(auth);
        return wallets.creditOrganization(
                id, amount == null ? 0 : amount, body.text("kind"), body.text("reason"), caller);
    }

    /** Platform admins: {@code {"amount", "reason"}}: a negative adjustment, never below zero (409). */
    @PlatformAdminOnly
    @PostMapping("/wallet/debits")
    WalletView debit(@PathVariable String id, @RequestBody JsonNode json, Authentication auth) {
        PatchBody body = new PatchBody(json).requireOnly("amount", "reason");
        Long amount = body.longValue("amount");
        return wallets.debitOrganization(id, amount == null ? 0 : amount, body.text("reason"), CurrentCaller.of(auth));
    }
}
