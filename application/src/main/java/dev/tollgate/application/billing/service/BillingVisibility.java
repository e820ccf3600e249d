package dev.tollgate.application.billing.service;

import dev.tollgate.application.billing.query.BillingScope;
import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.organization.MemberRole;
import dev.tollgate.domain.organization.OrganizationErrorCode;
import dev.tollgate.domain.organization.OrganizationId;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who sees which billing records (ledger entries, usage records). Platform admins: everything. Anyone else: every
 * record of their personal organisation and of the organisations they own or administer, and the records of the keys
 * they hold in any organisation. Asking for an organisation the caller does not belong to is answered as if it did
 * not exist (404); a plain member asking for a shared organisation gets only their own records.
 */
final class BillingVisibility {
    private final OrganizationDirectory organizations;

    BillingVisibility(OrganizationDirectory organizations) {
        this.organizations = organizations;
    }

    /** The scope of what the caller may see, after checking that they may ask for {@code organizationId} at all. */
    BillingScope scope(String organizationId, Caller caller) {
        if (caller.admin()) {
            return BillingScope.ALL;
        }
        String personal = OrganizationId.personalOf(caller.userId()).value();
        if (organizationId == null) {
            Set<String> whole = new HashSet<>();
            whole.add(personal);
            organizations.ofMember(caller.userId()).stream()
                    .filter(o ->
                            o.roleOf(caller.userId()).map(MemberRole::manages).orElse(false))
                    .forEach(o -> whole.add(o.id()));
            return new BillingScope(whole, caller.userId());
        }
        if (organizationId.equals(personal)) {
            return new BillingScope(Set.of(personal), caller.userId());
        }
        MemberRole role = memberRole(organizationId, caller);
        return role.manages()
                ? new BillingScope(Set.of(organizationId), caller.userId())
                : new BillingScope(Set.of(), caller.userId());
    }

    /**
     * Checks that the caller may read the organisation's wallet: platform admins, the organisation's owner and admins,
     * the user of a personal organisation. Not a member (or no such organisation): not found; a plain member:
     * forbidden.
     */
    void requireWalletReader(String organizationId, Caller caller) {
        OrganizationId id =
                organizationId == null || organizationId.isBlank() ? null : new OrganizationId(organizationId);
        if (id != null && id.equals(OrganizationId.personalOf(caller.userId()))) {
            return;
        }
        Optional<OrganizationRecord> org = id == null ? Optional.empty() : organizations.find(organizationId);
        if (caller.admin() && org.isPresent()) {
            return;
        }
        if (id == null || caller.admin()) {
            throw notFound(organizationId);
        }
        if (!memberRole(organizationId, caller).manages()) {
            throw new DomainException(
                    OrganizationErrorCode.NOT_ALLOWED, "only the organisation's owner and admins see its wallet");
        }
    }

    /** The caller's role in the organisation; not found when they have none (or it does not exist). */
    private MemberRole memberRole(String organizationId, Caller caller) {
        return organizations
                .find(organizationId)
                .flatMap(o -> o.roleOf(caller.userId()))
                .orElseThrow(() -> notFound(organizationId));
    }

    /**
     * The organisation whose wallet an owner string names: a shared organisation's wallet is owned by its id, any
     * other owner is a user (their personal organisation).
     */
    String organizationOfWalletOwner(String ownerId) {
        return organizations
                .find(ownerId)
                .filter(o -> !o.personal())
                .map(OrganizationRecord::id)
                .orElse(OrganizationId.personalOf(ownerId).value());
    }

    private static NotFoundException notFound(String organizationId) {
        return new NotFoundException(OrganizationErrorCode.ORGANIZATION_NOT_FOUND, "no organisation " + organizationId);
    }
}
