package dev.tollgate.application.account.port.out;

import dev.tollgate.application.common.Caller;

/** An organisation's invitation code, given at registration: checked before the user exists, accepted after. */
public interface OrganizationInvitationPort {
    /** Whether the code is an organisation's open invitation. */
    boolean invitationCodeValid(String code);

    /** Makes the caller a member of the organisation that issued the code. */
    void acceptInvitationCode(String code, Caller caller);
}
