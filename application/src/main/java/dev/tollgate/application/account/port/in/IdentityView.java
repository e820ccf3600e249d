package dev.tollgate.application.account.port.in;

import java.time.Instant;

/** An external identity linked to a user, as the user sees it. */
public record IdentityView(String provider, String subject, String login, String email, Instant linkedAt) {}
