package dev.tollgate.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.account.command.ClearMailServerCommand;
import dev.tollgate.domain.account.command.ClearSignInProviderCommand;
import dev.tollgate.domain.account.command.SetMailServerCommand;
import dev.tollgate.domain.account.command.SetSignInProviderCommand;
import dev.tollgate.domain.account.event.MailServerClearedEvent;
import dev.tollgate.domain.account.event.MailServerSetEvent;
import dev.tollgate.domain.account.event.SignInProviderSetEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP server and sign-in providers set through the API: recorded without secrets, validated, clearable. */
class IntegrationSettingsTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ID = IntegrationSettings.ID;
    private AggregateTestFixture<IntegrationSettings> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IntegrationSettings.class);
    }

    @Test
    void givenNothingSet_whenAMailServerIsSet_thenRecordedWithoutItsPassword() {
        fixture.givenNoPriorActivity()
                .when(new SetMailServerCommand(
                        ID,
                        new MailServer(" smtp.example.com ", 587, "mailer", "gw@example.com", true),
                        true,
                        "user:root",
                        AT))
                .expectResultMessagePayload(0L)
                .expectEvents(new MailServerSetEvent(
                        ID, "smtp.example.com", 587, "mailer", "gw@example.com", true, true, "user:root", AT));
    }

    @Test
    void givenAMailServer_whenClearedTwice_thenOneEvent() {
        fixture.given(new MailServerSetEvent(ID, "smtp.example.com", 25, "", "gw@example.com", false, false, "a", AT))
                .when(new ClearMailServerCommand(ID, "user:root", AT))
                .expectEvents(new MailServerClearedEvent(ID, "user:root", AT));
        fixture.given(
                        new MailServerSetEvent(ID, "smtp.example.com", 25, "", "gw@example.com", false, false, "a", AT),
                        new MailServerClearedEvent(ID, "user:root", AT))
                .when(new ClearMailServerCommand(ID, "user:root", AT))
                .expectResultMessagePayload(1L)
                .expectNoEvents();
    }

    @Test
    void givenAProvider_whenSetThenCleared_thenBothRecorded() {
        SignInProviderSettings github = new SignInProviderSettings(
                IdentityProvider.GITHUB, true, "Iv1.abc", Map.of("baseUrl", "https://github.example.com/"));
        fixture.givenNoPriorActivity()
                .when(new SetSignInProviderCommand(ID, github, true, "user:root", AT))
                .expectEvents(new SignInProviderSetEvent(
                        ID,
                        "github",
                        true,
                        "Iv1.abc",
                        Map.of("baseUrl", "https://github.example.com"),
                        true,
                        "user:root",
                        AT));
        fixture.given(new SignInProviderSetEvent(
                        ID, "oidc", true, "c", Map.of("issuerUri", "https://id/x"), true, "a", AT))
                .when(new ClearSignInProviderCommand(ID, IdentityProvider.GITHUB, "user:root", AT))
                .expectNoEvents();
    }

    @Test
    void givenBadMailServers_whenMade_thenRefusedNamingTheField() {
        assertThatThrownBy(() -> new MailServer("", 25, "", "gw@example.com", false))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("host"));
        assertThatThrownBy(() -> new MailServer("smtp.example.com", 70_000, "", "gw@example.com", false))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("port"));
        assertThatThrownBy(() -> new MailServer("smtp.example.com", 25, "", "not-an-address", false))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> new MailServer("smtp.example.com", 25, "a b", "gw@example.com", false))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("username"));
    }

    @Test
    void givenBadProviderSettings_whenMade_thenRefusedNamingTheField() {
        assertThatThrownBy(() -> new SignInProviderSettings(IdentityProvider.GITHUB, true, "", Map.of()))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("clientId"));
        assertThatThrownBy(() -> new SignInProviderSettings(IdentityProvider.OIDC, true, "c", Map.of()))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("issuerUri"));
        assertThatThrownBy(() -> new SignInProviderSettings(
                        IdentityProvider.GITHUB, true, "c", Map.of("baseUrl", "ftp://github.example.com")))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("baseUrl"));
        assertThatThrownBy(() -> new SignInProviderSettings(
                        IdentityProvider.FEISHU, true, "c", Map.of("host", "https://user:pw@open.feishu.cn")))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("host"));
        assertThatThrownBy(() -> new SignInProviderSettings(
                        IdentityProvider.GITHUB, true, "c", Map.of("issuerUri", "https://id.example.com")))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("issuerUri"));
        assertThatThrownBy(() -> new SignInProviderSettings(
                        IdentityProvider.OIDC,
                        true,
                        "c",
                        Map.of("issuerUri", "https://id.example.com", "scopes", "email")))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("scopes"));
        assertThat(new SignInProviderSettings(IdentityProvider.GITHUB, false, "", Map.of("apiUrl", " ")).endpoints())
                .isEmpty();
    }
}
