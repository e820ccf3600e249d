package dev.tollgate.domain.account.event;

import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A sign-in provider ({@code github}, {@code feishu}, {@code oidc}) is offered or not, with this client id and these
 * addresses. {@code secretSet}: a client secret is stored for it (encrypted, elsewhere; never in the event).
 */
@Revision("1")
public record SignInProviderSetEvent(
        String settingsId,
        String provider,
        boolean enabled,
        String clientId,
        Map<String, String> endpoints,
        boolean secretSet,
        String actor,
        Instant at)
        implements IntegrationSettingsEvent {
    public SignInProviderSetEvent {
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
    }
}
