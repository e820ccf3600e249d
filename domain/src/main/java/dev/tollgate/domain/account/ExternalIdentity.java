package dev.tollgate.domain.account;

import dev.tollgate.domain.common.Checks;

/**
 * An account at an external provider, named by the provider's stable id of the person ({@code subject}: GitHub's
 * numeric user id, Feishu's {@code open_id}, the OIDC {@code sub}), never by a name or an e-mail, which can change or
 * be claimed by someone else. {@code login} and {@code email} are what the provider showed at the time, for display.
 */
public record ExternalIdentity(IdentityProvider provider, String subject, String login, String email) {
    public ExternalIdentity {
        Checks.requireNonNull("provider", provider);
        Checks.requireText("subject", subject, 255);
        if (login != null && login.length() > 255) {
            login = login.substring(0, 255);
        }
        if (email != null && email.length() > 320) {
            email = null;
        }
    }

    /** How a change made by this identity is named in events, e.g. {@code github:12345}. */
    public String actor() {
        return provider.code() + ":" + subject;
    }
}
