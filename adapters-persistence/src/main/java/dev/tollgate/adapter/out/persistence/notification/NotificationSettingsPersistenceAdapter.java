package dev.tollgate.adapter.out.persistence.notification;

import dev.tollgate.application.notification.port.out.NotificationSettingsPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Notification settings in the {@code notification_setting} table; crossings marked with compare-and-set. */
public class NotificationSettingsPersistenceAdapter implements NotificationSettingsPort {
    private static final String COLUMNS = "subject_kind, subject_id, balance_threshold, language, notified";

    private final JdbcTemplate jdbc;

    public NotificationSettingsPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Setting> find(Subject subject, String subjectId) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from notification_setting where subject_kind = ? and subject_id = ?",
                        NotificationSettingsPersistenceAdapter::row,
                        subject.name(),
                        subjectId)
                .stream()
                .findFirst();
    }

    @Override
    public void save(Subject subject, String subjectId, Long threshold, String language) {
        jdbc.update(
                "insert into notification_setting (" + COLUMNS + ", updated_at) values (?, ?, ?, ?, false, ?) "
                        + "on conflict (subject_kind, subject_id) do update set "
                        + "balance_threshold = excluded.balance_threshold, language = excluded.language, "
                        + "notified = notification_setting.notified "
                        + "and notification_setting.balance_threshold is not distinct from excluded.balance_threshold, "
                        + "updated_at = excluded.updated_at",
                subject.name(),
                subjectId,
                threshold,
                language,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    @Override
    public List<Setting> watched(Subject afterSubject, String afterSubjectId, int limit) {
        if (afterSubject == null) {
            return jdbc.query(
                    "select " + COLUMNS + " from notification_setting where balance_threshold is not null "
                            + "order by subject_kind, subject_id limit ?",
                    NotificationSettingsPersistenceAdapter::row,
                    limit);
        }
        return jdbc.query(
                "select " + COLUMNS + " from notification_setting where balance_threshold is not null "
                        + "and (subject_kind, subject_id) > (?, ?) order by subject_kind, subject_id limit ?",
                NotificationSettingsPersistenceAdapter::row,
                afterSubject.name(),
                afterSubjectId,
                limit);
    }

    @Override
    public boolean markNotified(Subject subject, String subjectId, long threshold) {
        return jdbc.update(
                        "update notification_setting set notified = true where subject_kind = ? and subject_id = ? "
                                + "and notified = false and balance_threshold = ?",
                        subject.name(),
                        subjectId,
                        threshold)
                == 1;
    }

    @Override
    public void rearm(Subject subject, String subjectId) {
        jdbc.update(
                "update notification_setting set notified = false where subject_kind = ? and subject_id = ?",
                subject.name(),
                subjectId);
    }

    private static Setting row(ResultSet rs, int n) throws SQLException {
        return new Setting(
                Subject.valueOf(rs.getString(1)),
                rs.getString(2),
                rs.getObject(3, Long.class),
                rs.getString(4),
                rs.getBoolean(5));
    }
}
