package dev.tollgate.application.account.port.in;

import dev.tollgate.domain.account.IdentityProvider;

/**
 * Who an external provider says signed in. {@code subject} is the provider's stable id of the person; {@code login},
 * {@code name} and {@code email} only suggest a username and are shown to the user — they never pick an account.
 */
public record ExternalProfile(IdentityProvider provider, String subject, String login, String name, String email) {}
