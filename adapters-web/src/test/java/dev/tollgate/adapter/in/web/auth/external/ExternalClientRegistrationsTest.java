package dev.tollgate.adapter.in.web.auth.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/** The registrations follow the settings in force: built again when they change, gone when a provider is off. */
class ExternalClientRegistrationsTest {
    private static ExternalLoginSettings withGitHub(String clientId, String secret, String baseUrl) {
        return new ExternalLoginSettings(
                "",
                Duration.ofMinutes(10),
                new ExternalLoginSettings.GitHub(clientId, secret, baseUrl, "https://api.github.example"),
                new ExternalLoginSettings.Feishu("", "", "https://open.feishu.cn", "https://accounts.feishu.cn"),
                new ExternalLoginSettings.Oidc("", "", "", "", "openid"));
    }

    @Test
    void givenGitHubOn_whenTheSettingsChangeThenTurnItOff_thenTheRegistrationFollowsWithoutANewRepository() {
        // given
        AtomicReference<ExternalLoginSettings> inForce =
                new AtomicReference<>(withGitHub("Iv1.first", "s1", "https://github.example"));
        ExternalClientRegistrations registrations = new ExternalClientRegistrations(inForce::get);

        // when
        ClientRegistration first = registrations.findByRegistrationId("github");
        ClientRegistration again = registrations.findByRegistrationId("github");
        inForce.set(withGitHub("Iv1.second", "s2", "https://github.enterprise.example/"));
        ClientRegistration second = registrations.findByRegistrationId("github");
        inForce.set(withGitHub("", "", "https://github.example"));
        ClientRegistration off = registrations.findByRegistrationId("github");

        // then
        assertThat(first.getClientId()).isEqualTo("Iv1.first");
        assertThat(again).isSameAs(first);
        assertThat(second.getClientId()).isEqualTo("Iv1.second");
        assertThat(second.getClientSecret()).isEqualTo("s2");
        assertThat(second.getProviderDetails().getAuthorizationUri())
                .isEqualTo("https://github.enterprise.example/login/oauth/authorize");
        assertThat(off).isNull();
        assertThat(registrations.findByRegistrationId("feishu")).isNull();
        assertThat(registrations.findByRegistrationId("oidc")).isNull();
    }
}
