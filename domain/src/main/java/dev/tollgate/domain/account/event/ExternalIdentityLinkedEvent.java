package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An external identity ({@code provider}: github, feishu, oidc; {@code subject}: the provider's stable id of the
 * person) now signs in as the user. {@code login} and {@code email} are what the provider showed, for display only:
 * they never decide which account an identity belongs to.
 */
@Revision("1")
public record ExternalIdentityLinkedEvent(
        String userId, String provider, String subject, String login, String email, String actor, Instant at)
        implements UserEvent {}
