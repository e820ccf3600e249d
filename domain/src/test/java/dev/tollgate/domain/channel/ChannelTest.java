package dev.tollgate.domain.channel;

import static dev.tollgate.domain.common.DomainExceptionMatcher.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.domain.channel.command.AutoDisableChannelCommand;
import dev.tollgate.domain.channel.command.ChangeChannelStatusCommand;
import dev.tollgate.domain.channel.command.CreateChannelCommand;
import dev.tollgate.domain.channel.command.DeleteChannelCommand;
import dev.tollgate.domain.channel.command.ReEnableChannelCommand;
import dev.tollgate.domain.channel.command.UpdateChannelCommand;
import dev.tollgate.domain.channel.event.ChannelAutoDisabledEvent;
import dev.tollgate.domain.channel.event.ChannelCreatedEvent;
import dev.tollgate.domain.channel.event.ChannelDeletedEvent;
import dev.tollgate.domain.channel.event.ChannelReEnabledEvent;
import dev.tollgate.domain.channel.event.ChannelStatusChangedEvent;
import dev.tollgate.domain.channel.event.ChannelUpdatedEvent;
import dev.tollgate.domain.common.InvalidValueException;
import dev.tollgate.domain.organization.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final ChannelId ID = new ChannelId("c1");
    private AggregateTestFixture<Channel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Channel.class);
    }

    private static ChannelSettings settings(String name) {
        return new ChannelSettings(
                name,
                ChannelType.OPENAI,
                "https://api.example.com",
                List.of("gpt-4o-mini"),
                Map.of(),
                List.of("default"),
                0,
                1,
                null,
                Map.of());
    }

    private static ChannelCreatedEvent created() {
        return new ChannelCreatedEvent(
                "c1",
                "main",
                "openai",
                "https://api.example.com",
                List.of("sk-****abcd"),
                List.of("gpt-4o-mini"),
                Map.of(),
                List.of("default"),
                0,
                1,
                null,
                Map.of(),
                "user:root",
                AT);
    }

    @Test
    void givenNothing_whenCreatingAChannel_thenChannelCreatedCarriesOnlyMaskedKeys() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new CreateChannelCommand(ID, settings("main"), List.of("sk-****abcd"), "user:root", AT))
                // then
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void givenAChannel_whenUpdating_thenChannelUpdatedAndTheNewVersionIsReturned() {
        // given
        fixture.given(created())
                // when
                .when(new UpdateChannelCommand(ID, settings("renamed"), null, "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new ChannelUpdatedEvent(
                        "c1",
                        "renamed",
                        "https://api.example.com",
                        null,
                        List.of("gpt-4o-mini"),
                        Map.of(),
                        List.of("default"),
                        0,
                        1,
                        null,
                        Map.of(),
                        "user:root",
                        AT));
    }

    @Test
    void givenAChannel_whenItsHostChangesWithoutKeys_thenRefusedAndNothingIsRecorded() {
        // given
        ChannelSettings moved = new ChannelSettings(
                "main",
                ChannelType.OPENAI,
                "https://attacker.example.net/v1",
                List.of("gpt-4o-mini"),
                Map.of(),
                List.of("default"),
                0,
                1,
                null,
                Map.of());
        fixture.given(created())
                // when
                .when(new UpdateChannelCommand(ID, moved, null, "user:root", AT))
                // then
                .expectException(InvalidValueException.class)
                .expectNoEvents();
    }

    @Test
    void givenAChannel_whenOnlyThePathOrTheSpellingOfItsHostChanges_thenNoKeysAreNeeded() {
        // given
        ChannelSettings samePlace = new ChannelSettings(
                "main",
                ChannelType.OPENAI,
                "https://API.example.com.:443/v1",
                List.of("gpt-4o-mini"),
                Map.of(),
                List.of("default"),
                0,
                1,
                null,
                Map.of());
        fixture.given(created())
                // when
                .when(new UpdateChannelCommand(ID, samePlace, null, "user:root", AT))
                // then
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void givenAnEnabledChannel_whenEnablingAgain_thenNoEventIsRecorded() {
        // given
        fixture.given(created())
                // when
                .when(new ChangeChannelStatusCommand(ID, ChannelStatus.ENABLED, null, "user:root", AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenAnEnabledChannel_whenDisabling_thenStatusChanged() {
        // given
        fixture.given(created())
                // when
                .when(new ChangeChannelStatusCommand(ID, ChannelStatus.DISABLED, "maintenance", "user:root", AT))
                // then
                .expectEvents(new ChannelStatusChangedEvent("c1", "disabled", "maintenance", "user:root", AT));
    }

    @Test
    void givenAnEnabledChannel_whenTheUpstreamRejectsIt_thenItIsAutoDisabledWithTheReason() {
        fixture.given(created())
                .when(new AutoDisableChannelCommand(ID, "upstream answered 401: invalid api key", AT))
                .expectEvents(new ChannelAutoDisabledEvent("c1", "upstream answered 401: invalid api key", AT));
    }

    @Test
    void givenAChannelAnAdminDisabled_whenAProbeWouldReEnableOrAutoDisableIt_thenNothingHappens() {
        fixture.given(created(), new ChannelStatusChangedEvent("c1", "disabled", "maintenance", "user:root", AT))
                .when(new ReEnableChannelCommand(ID, "probe answered", AT))
                .expectNoEvents();
        fixture.given(created(), new ChannelStatusChangedEvent("c1", "disabled", "maintenance", "user:root", AT))
                .when(new AutoDisableChannelCommand(ID, "upstream answered 401", AT))
                .expectNoEvents();
    }

    @Test
    void givenAnAutoDisabledChannel_whenTheProbeSucceeds_thenItIsReEnabled() {
        fixture.given(created(), new ChannelAutoDisabledEvent("c1", "upstream answered 401", AT))
                .when(new ReEnableChannelCommand(ID, "probe answered 200", AT))
                .expectEvents(new ChannelReEnabledEvent("c1", "probe answered 200", AT));
    }

    @Test
    void givenADeletedChannel_whenDeletedAgain_thenRefusedAsDeleted() {
        // given
        fixture.given(created(), new ChannelDeletedEvent("c1", "user:root", AT))
                // when
                .when(new DeleteChannelCommand(ID, "user:root", AT))
                // then
                .expectException(refusedWith(ChannelErrorCode.CHANNEL_DELETED))
                .expectNoEvents();
    }

    @Test
    void givenAProviderPreset_whenNoBaseUrlIsGiven_thenItsPublicEndpointIsUsedAndAGenericOneNeedsAUrl() {
        // when / then
        assertThat(ChannelType.fromCode("deepseek").baseUrlOrDefault(null)).isEqualTo("https://api.deepseek.com");
        assertThat(ChannelType.fromCode("ollama").baseUrlOrDefault(" ")).isEqualTo("http://localhost:11434/v1");
        assertThat(ChannelType.fromCode("deepseek").baseUrlOrDefault("https://proxy.example.com"))
                .isEqualTo("https://proxy.example.com");
        assertThatThrownBy(() -> ChannelType.fromCode("openai-compatible").baseUrlOrDefault(null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ChannelType.fromCode("no-such-provider"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("deepseek");
    }

    @Test
    void givenBadSettings_whenBuildingThem_thenInvalidValue() {
        // when / then
        assertThatThrownBy(() -> new ChannelSettings(
                        "x", ChannelType.OPENAI, "ftp://nope", List.of("m"), Map.of(), List.of(), 0, 1, null, null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ChannelSettings(
                        "x", ChannelType.OPENAI, "https://ok", List.of(), Map.of(), List.of(), 0, 1, null, null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ChannelSettings(
                        "x", ChannelType.OPENAI, "https://ok", List.of("m"), Map.of(), List.of(), 0, -1, null, null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ChannelSettings(
                        "x", ChannelType.OPENAI, "https://ok", List.of("m"), Map.of(), List.of(), 0, 1, 0, null))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void givenNothing_whenCreatingAPrivateChannel_thenTheEventNamesItsOrganisationAndRecordsNoGroups() {
        // given
        fixture.givenNoPriorActivity()
                // when
                .when(new CreateChannelCommand(
                        ID, settings("byok"), List.of("sk-****abcd"), "user:u1", AT, new OrganizationId("org-a")))
                // then
                .expectEvents(new ChannelCreatedEvent(
                        "c1",
                        "byok",
                        "openai",
                        "https://api.example.com",
                        List.of("sk-****abcd"),
                        List.of("gpt-4o-mini"),
                        Map.of(),
                        List.of(),
                        0,
                        1,
                        null,
                        Map.of(),
                        "user:u1",
                        AT,
                        "org-a"));
    }

    @Test
    void givenAPrivateChannel_whenUpdatingWithGroups_thenItStillRecordsNoGroups() {
        // given
        ChannelCreatedEvent privateOne = new ChannelCreatedEvent(
                "c1",
                "byok",
                "openai",
                "https://api.example.com",
                List.of("sk-****abcd"),
                List.of("gpt-4o-mini"),
                Map.of(),
                List.of(),
                0,
                1,
                null,
                Map.of(),
                "user:u1",
                AT,
                "org-a");
        fixture.given(privateOne)
                // when
                .when(new UpdateChannelCommand(ID, settings("renamed"), null, "user:u1", AT))
                // then
                .expectEvents(new ChannelUpdatedEvent(
                        "c1",
                        "renamed",
                        "https://api.example.com",
                        null,
                        List.of("gpt-4o-mini"),
                        Map.of(),
                        List.of(),
                        0,
                        1,
                        null,
                        Map.of(),
                        "user:u1",
                        AT));
    }

    @Test
    void givenARevisionOneCreation_whenRead_thenItIsAPlatformChannel() {
        // given / when
        ChannelCreatedEvent old = created();

        // then
        assertThat(old.organizationId()).isNull();
        assertThat(old.privateChannel()).isFalse();
    }

    @Test
    void givenADeletedChannel_whenUpdatingOrChangingItsStatus_thenRefusedAsDeleted() {
        // given
        fixture.given(created(), new ChannelDeletedEvent("c1", "user:root", AT))
                // when
                .when(new UpdateChannelCommand(ID, settings("renamed"), null, "user:root", AT))
                // then
                .expectException(refusedWith(ChannelErrorCode.CHANNEL_DELETED))
                .expectNoEvents();
        fixture.given(created(), new ChannelDeletedEvent("c1", "user:root", AT))
                .when(new ChangeChannelStatusCommand(ID, ChannelStatus.DISABLED, null, "user:root", AT))
                .expectException(refusedWith(ChannelErrorCode.CHANNEL_DELETED))
                .expectNoEvents();
    }

    @Test
    void givenAChannel_whenDeleted_thenChannelDeleted() {
        // given
        fixture.given(created())
                // when
                .when(new DeleteChannelCommand(ID, "user:root", AT))
                // then
                .expectResultMessagePayload(1L)
                .expectEvents(new ChannelDeletedEvent("c1", "user:root", AT));
    }

    @Test
    void givenADeletedChannel_whenAProbeWouldAutoDisableOrReEnableIt_thenNothingHappens() {
        // given
        fixture.given(created(), new ChannelDeletedEvent("c1", "user:root", AT))
                // when
                .when(new AutoDisableChannelCommand(ID, "upstream answered 401", AT))
                // then
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(
                        created(),
                        new ChannelAutoDisabledEvent("c1", "upstream answered 401", AT),
                        new ChannelDeletedEvent("c1", "user:root", AT))
                .when(new ReEnableChannelCommand(ID, "probe answered 200", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenAnEnabledChannel_whenAProbeWouldReEnableIt_thenNothingHappens() {
        // given
        fixture.given(created())
                // when
                .when(new ReEnableChannelCommand(ID, "probe answered 200", AT))
                // then
                .expectNoEvents();
    }

    @Test
    void givenAnAutoDisabledChannel_whenAnAdminEnablesIt_thenStatusChanged() {
        // given
        fixture.given(created(), new ChannelAutoDisabledEvent("c1", "upstream answered 401", AT))
                // when
                .when(new ChangeChannelStatusCommand(ID, ChannelStatus.ENABLED, "key replaced", "user:root", AT))
                // then
                .expectEvents(new ChannelStatusChangedEvent("c1", "enabled", "key replaced", "user:root", AT));
    }
}
