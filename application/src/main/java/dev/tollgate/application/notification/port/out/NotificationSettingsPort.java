package dev.tollgate.application.notification.port.out;

import java.util.List;
import java.util.Optional;

/**
 * What users, organisations and keys asked to be told (a balance threshold; a user's language for mails), and whether
 * a threshold's crossing was already told (so that one crossing sends one notification, on whichever node sees it
 * first).
 */
public interface NotificationSettingsPort {
    /** Whose balance a setting watches. */
    enum Subject {
        USER,
        ORGANIZATION,
        KEY
    }

    /**
     * One subject's setting.
     *
     * @param threshold the balance below which its owners are told, or null (not watched)
     * @param language  {@code zh} or {@code en} (users only), or null
     * @param notified  the balance is below the threshold and that was told; re-armed when it rises above again
     */
    record Setting(Subject subject, String subjectId, Long threshold, String language, boolean notified) {}

    Optional<Setting> find(Subject subject, String subjectId);

    /** Stores the threshold and language; a changed threshold re-arms the setting. */
    void save(Subject subject, String subjectId, Long threshold, String language);

    /** Watched settings (with a threshold) after {@code (subject, subjectId)} in key order, at most {@code limit}. */
    List<Setting> watched(Subject afterSubject, String afterSubjectId, int limit);

    /** Marks the crossing told, when nobody did yet: true for the one caller that did. */
    boolean markNotified(Subject subject, String subjectId, long threshold);

    /** Re-arms a told setting (the balance rose above its threshold again). */
    void rearm(Subject subject, String subjectId);
}
