package dev.tollgate.domain.organization;

import dev.tollgate.domain.common.ErrorCode;

/** Business-rule failures of organisations. */
public enum OrganizationErrorCode implements ErrorCode {
    ORGANIZATION_NOT_FOUND("organization_not_found", Kind.NOT_FOUND),
    MEMBER_NOT_FOUND("member_not_found", Kind.NOT_FOUND),
    ALREADY_A_MEMBER("already_a_member", Kind.CONFLICT),
    ALREADY_INVITED("already_invited", Kind.CONFLICT),
    INVITATION_NOT_FOUND("invitation_not_found", Kind.NOT_FOUND),
    OWNER_REQUIRED("owner_required", Kind.CONFLICT),
    PERSONAL_ORGANIZATION("personal_organization", Kind.CONFLICT),
    ORGANIZATION_DISABLED("organization_disabled", Kind.CONFLICT),
    TOO_MANY_INVITATIONS("too_many_invitations", Kind.CONFLICT),
    NOT_ALLOWED("organization_role_required", Kind.FORBIDDEN);

    private final String code;
    private final Kind kind;

    OrganizationErrorCode(String code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
