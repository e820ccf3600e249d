package dev.tollgate.application.token.port.in;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.common.NotFoundException;
import dev.tollgate.application.organization.port.in.OrganizationAccess;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.organization.port.in.OrganizationDirectory.OrganizationRecord;
import dev.tollgate.domain.common.AccessErrorCode;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.OrganizationErrorCode;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.organization.OrganizationPolicy;
import dev.tollgate.domain.token.TokenErrorCode;
import dev.tollgate.domain.token.TokenLimits;
import java.util.Optional;

/**
 * Who may hold, see and change which API key. A key is seen and changed by its holder, by the OWNER and ADMINs of its
 * (shared) organisation and by platform admins; anybody else gets "not found" (no existence leak). Only its holder
 * (or a platform admin) rotates it, since the new secret is shown to whoever rotates. Keys are issued to members of
 * an enabled organisation (everyone in their personal one), in the groups granted to that organisation.
 */
public final class TokenAccess {
    private final TokenDirectory tokens;
    private final OrganizationDirectory organizations;
    private final OrganizationAccess organizationAccess;

    public TokenAccess(TokenDirectory tokens, OrganizationDirectory organizations) {
        this.tokens = tokens;
        this.organizations = organizations;
        this.organizationAccess = new OrganizationAccess(organizations);
    }

    /**
     * The key, when the caller may see and change it.
     *
     * @throws NotFoundException {@code token_not_found} (404) otherwise
     */
    public TokenRecord visible(String tokenId, Caller caller) {
        return tokens.findById(tokenId)
                .filter(t -> caller.admin()
                        || t.ownerId().equals(caller.userId())
                        || organizations
                                .find(t.organizationId())
                                .filter(o -> managesKeys(o, caller.userId()))
                                .isPresent())
                .orElseThrow(
                        () -> new NotFoundException(TokenErrorCode.TOKEN_NOT_FOUND, "token " + tokenId + " not found"));
    }

    /**
     * The key, when the caller may rotate it: its holder or a platform admin.
     *
     * @throws NotFoundException {@code token_not_found} (404) for anybody who may not see it
     * @throws DomainException   {@code admin_required} (403) for an organisation manager who is not the holder
     */
    public TokenRecord rotatable(String tokenId, Caller caller) {
        TokenRecord t = visible(tokenId, caller);
        if (!caller.admin() && !t.ownerId().equals(caller.userId())) {
            throw new DomainException(
                    AccessErrorCode.ADMIN_REQUIRED, "only the key's holder rotates it; disable or delete it instead");
        }
        return t;
    }

    /**
     * The policy of the organisation, when the caller may hold a key in it: their personal organisation (which exists
     * as soon as they do, even before its view caught up) or an enabled organisation they are a member of.
     *
     * @throws NotFoundException {@code organization_not_found} (404) for anyone who may not see the organisation
     * @throws DomainException   {@code organization_role_required} (403) for a platform admin who is no member,
     *                           {@code organization_disabled} (409) for a disabled organisation
     */
    public OrganizationPolicy keyHolderPolicy(String organizationId, Caller caller) {
        if (organizationId == null || organizationId.isBlank()) {
            throw new InvalidValueException("organizationId", "organizationId is required");
        }
        if (OrganizationId.personalOf(caller.userId()).value().equals(organizationId)) {
            return organizations.policyOf(organizationId);
        }
        OrganizationRecord org = organizationAccess.visible(organizationId, caller);
        if (!org.members().containsKey(caller.userId())) {
            throw new DomainException(OrganizationErrorCode.NOT_ALLOWED, "only members hold keys of an organisation");
        }
        if (!org.enabled()) {
            throw new DomainException(
                    OrganizationErrorCode.ORGANIZATION_DISABLED,
                    "the organisation is disabled: its keys do not work and no new ones are issued");
        }
        return organizations.policyOf(organizationId);
    }

    /**
     * Whose keys of the organisation the caller may list: every key (empty) for platform admins and the
     * organisation's managers, only their own for other members and in their personal organisation.
     *
     * @throws NotFoundException {@code organization_not_found} (404) for anyone who may not see the organisation
     */
    public Optional<String> listableHolder(String organizationId, Caller caller) {
        boolean own = OrganizationId.personalOf(caller.userId()).value().equals(organizationId);
        OrganizationRecord org = own
                ? organizations.find(organizationId).orElse(null)
                : organizationAccess.visible(organizationId, caller);
        boolean all = caller.admin() || (org != null && managesKeys(org, caller.userId()));
        return all ? Optional.empty() : Optional.of(caller.userId());
    }

    /**
     * A key's group decides which channels (and prices) serve it: members choose among the groups granted to the
     * key's organisation (and the default group), so that a user cannot move a key onto channels meant for others. In
     * a personal organisation platform admins may set any group (as before organisations owned keys); in a shared one
     * the group must be granted, for everyone (the relay refuses keys of a shared organisation in other groups).
     *
     * @throws DomainException {@code admin_required} (403) for a group the organisation was not granted
     */
    public static void requireGroupRight(String group, OrganizationPolicy policy, Caller caller, boolean personal) {
        if (group != null
                && !(caller.admin() && personal)
                && !TokenLimits.DEFAULT_GROUP.equals(group)
                && !policy.groups().contains(group)) {
            throw new DomainException(
                    AccessErrorCode.ADMIN_REQUIRED,
                    "the group '" + group + "' is not granted to "
                            + "this key's organisation; ask a platform admin to grant it");
        }
    }

    /** The OWNER and ADMINs of a shared organisation manage its members' keys (nobody else's personal ones). */
    private static boolean managesKeys(OrganizationRecord org, String userId) {
        return !org.personal() && OrganizationAccess.manages(org, userId);
    }
}
