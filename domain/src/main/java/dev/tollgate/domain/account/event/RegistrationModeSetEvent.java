package dev.tollgate.domain.account.event;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Who may create an account by themselves was decided ({@code open}, {@code invite-only}, {@code closed}). */
@Revision("1")
public record RegistrationModeSetEvent(String policyId, String mode, String actor, Instant at) {}
