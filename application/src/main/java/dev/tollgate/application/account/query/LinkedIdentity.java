package dev.tollgate.application.account.query;

import java.time.Instant;

/** An external identity linked to a user ({@code provider}: github, feishu, oidc). */
public record LinkedIdentity(
        String userId, String provider, String subject, String login, String email, Instant linkedAt) {}
