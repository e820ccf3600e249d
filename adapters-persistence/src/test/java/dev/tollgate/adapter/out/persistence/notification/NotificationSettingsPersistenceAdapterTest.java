package dev.tollgate.adapter.out.persistence.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.EmbeddedPostgresSupport;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort.Setting;
import dev.tollgate.application.notification.port.out.NotificationSettingsPort.Subject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedPostgresSupport.class)
class NotificationSettingsPersistenceAdapterTest {
    private final NotificationSettingsPersistenceAdapter settings =
            new NotificationSettingsPersistenceAdapter(EmbeddedPostgresSupport.jdbc());

    @Test
    void givenAThresholdThatWasTurnedOff_whenRead_thenItIsAbsentNotZero() {
        // given
        String key = "key-" + UUID.randomUUID();
        settings.save(Subject.KEY, key, 100L, null);

        // when
        settings.save(Subject.KEY, key, null, null);

        // then
        assertThat(settings.find(Subject.KEY, key))
                .get()
                .extracting(Setting::threshold)
                .isNull();
    }

    @Test
    void givenAThreshold_whenRead_thenItIsThatNumber() {
        // given
        String user = "user-" + UUID.randomUUID();

        // when
        settings.save(Subject.USER, user, 2_000L, "zh");

        // then
        Setting read = settings.find(Subject.USER, user).orElseThrow();
        assertThat(read.threshold()).isEqualTo(2_000L);
        assertThat(read.language()).isEqualTo("zh");
        assertThat(read.notified()).isFalse();
    }
}
