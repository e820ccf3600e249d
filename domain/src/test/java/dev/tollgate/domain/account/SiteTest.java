package dev.tollgate.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.account.command.SetSiteTextsCommand;
import dev.tollgate.domain.account.event.SiteTextsSetEvent;
import dev.tollgate.domain.common.InvalidValueException;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The site's name, logo, notice and footer: recorded when an admin changes them, plain text, bounded. */
class SiteTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ID = Site.ID;
    private static final String LOGO = "data:image/png;base64,iVBORw0KGgo=";
    private AggregateTestFixture<Site> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Site.class);
    }

    @Test
    void givenNoSite_whenTextsAreSet_thenRecordedStripped() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new SetSiteTextsCommand(
                        ID, new SiteTexts(" Acme AI ", LOGO, "Welcome\nback", ""), "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectEvents(new SiteTextsSetEvent(ID, "Acme AI", LOGO, "Welcome\nback", "", "user:root", AT));
    }

    @Test
    void givenTexts_whenTheSameAreSetAgain_thenNoEvent() {
        // given
        fixture.given(new SiteTextsSetEvent(ID, "Acme", "", "", "(c) Acme", "user:root", AT))
                // when
                .when(new SetSiteTextsCommand(ID, new SiteTexts("Acme", "", "", "(c) Acme"), "user:root", AT))
                // then
                .expectResultMessagePayload(0L)
                .expectNoEvents();
    }

    @Test
    void givenTextsThatAreTooLongOrNotPlain_whenMade_thenRefusedNamingTheField() {
        assertThatThrownBy(() -> new SiteTexts("x".repeat(61), "", "", ""))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> new SiteTexts("Acme\nAI", "", "", "")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> new SiteTexts("Acme", "https://cdn.example/logo.png", "", ""))
                .hasMessageContaining("inline");
        assertThatThrownBy(() -> new SiteTexts("Acme", "data:image/svg+xml;base64,PHN2Zz4=", "", ""))
                .hasMessageContaining("inline");
        assertThatThrownBy(() -> new SiteTexts("Acme", "", "n".repeat(2_001), ""))
                .hasMessageContaining("2000");
    }
}
