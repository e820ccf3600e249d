package dev.tollgate.application.organization.service;

import static dev.tollgate.application.organization.port.in.OrganizationAccess.requireMember;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.BudgetView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.MemberLimitView;
import dev.tollgate.application.organization.port.in.OrganizationUseCase.PolicyView;
import dev.tollgate.application.organization.port.out.BudgetFiguresPort;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.OrganizationPolicy;
import dev.tollgate.domain.organization.command.SetMemberBudgetCommand;
import dev.tollgate.domain.organization.command.SetMemberRateLimitCommand;
import dev.tollgate.domain.organization.command.SetOrganizationKeyDefaultsCommand;
import dev.tollgate.domain.organization.command.SetOrganizationPolicyCommand;
import dev.tollgate.domain.token.RateLimit;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * What an organisation is granted and how its members and keys are limited: its policy (groups, models, rate limits;
 * set by platform admins), its keys' default limits, each member's monthly budget and rate limit (set by its OWNER and
 * ADMINs; a member reads their own). Part of {@link OrganizationService}.
 */
class OrganizationAllowances {
    private final OrganizationDirectory organizations;
    private final OrganizationAccess access;
    private final OrganizationCommands commands;
    private final ClockPort clock;
    private final BudgetFiguresPort ledger;

    OrganizationAllowances(
            OrganizationDirectory organizations,
            OrganizationAccess access,
            OrganizationCommands commands,
            ClockPort clock,
            BudgetFiguresPort ledger) {
        this.organizations = organizations;
        this.access = access;
        this.commands = commands;
        this.clock = clock;
        this.ledger = ledger;
    }

    PolicyView policy(String id, Caller caller) {
        return policyView(access.visible(id, caller).id());
    }

    PolicyView grant(String id, List<String> groups, List<String> models, Long rpm, Long tpm, Caller caller) {
        OrganizationRecord org = access.visible(id, caller);
        caller.requireAdmin("only platform admins grant an organisation its groups, models and limits");
        OrganizationPolicy policy = new OrganizationPolicy(groups, models, new RateLimit(rpm, tpm));
        commands.send(
                org.id(),
                new SetOrganizationPolicyCommand(new OrganizationId(org.id()), policy, caller.actor(), clock.now()));
        return policyView(org.id());
    }

    PolicyView setKeyDefaults(String id, Long keyRpm, Long keyTpm, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        commands.send(
                org.id(),
                new SetOrganizationKeyDefaultsCommand(
                        new OrganizationId(org.id()), new RateLimit(keyRpm, keyTpm), caller.actor(), clock.now()));
        return policyView(org.id());
    }

    BudgetView budget(String id, String userId, Caller caller) {
        return budgetView(memberReadable(id, userId, caller).id(), userId);
    }

    /** The organisation, when the caller may read what concerns the member: themselves, or a manager. */
    private OrganizationRecord memberReadable(String id, String userId, Caller caller) {
        OrganizationRecord org = access.memberReadable(id, userId, caller);
        requireMember(org, userId);
        return org;
    }

    List<BudgetView> budgets(String id, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        return org.members().keySet().stream()
                .sorted()
                .map(u -> budgetView(org.id(), u))
                .toList();
    }

    BudgetView setBudget(String id, String userId, Long monthlyBudget, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        requireMember(org, userId);
        commands.send(
                org.id(),
                new SetMemberBudgetCommand(
                        new OrganizationId(org.id()), userId, monthlyBudget, caller.actor(), clock.now()));
        return budgetView(org.id(), userId);
    }

    MemberLimitView memberLimit(String id, String userId, Caller caller) {
        OrganizationRecord org = memberReadable(id, userId, caller);
        RateLimit l = organizations.memberLimitOf(org.id(), userId);
        return new MemberLimitView(org.id(), userId, l.rpm(), l.tpm());
    }

    MemberLimitView setMemberLimit(String id, String userId, Long rpm, Long tpm, Caller caller) {
        OrganizationRecord org = access.managed(id, caller);
        requireMember(org, userId);
        commands.send(
                org.id(),
                new SetMemberRateLimitCommand(
                        new OrganizationId(org.id()), userId, new RateLimit(rpm, tpm), caller.actor(), clock.now()));
        return memberLimit(id, userId, caller);
    }

    private PolicyView policyView(String orgId) {
        OrganizationPolicy p = organizations.policyOf(orgId);
        RateLimit d = organizations.keyDefaultsOf(orgId);
        return new PolicyView(
                orgId,
                p.groups(),
                p.models(),
                p.rateLimit().rpm(),
                p.rateLimit().tpm(),
                d.rpm(),
                d.tpm());
    }

    private BudgetView budgetView(String orgId, String userId) {
        BudgetFiguresPort.BudgetFigures f = ledger.budgetFigures(orgId, userId);
        Long limit = organizations.budgetOf(orgId, userId).orElse(null);
        Long remaining = limit == null ? null : Math.max(0, limit - f.used() - f.reserved());
        YearMonth month = f.month();
        return new BudgetView(
                orgId,
                userId,
                limit,
                f.used(),
                f.reserved(),
                remaining,
                month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
