package dev.tollgate.application.billing.port.out;

import dev.tollgate.domain.billing.event.CheckedInEvent;
import java.time.LocalDate;

/** Records a daily check-in exactly once per user and day, whatever races. */
public interface CheckInJournalPort {
    /** Appends the check-in durably; false (nothing recorded) when the user already checked in that day. */
    boolean recordOnce(CheckedInEvent event);

    /** The event-store stream of a user's check-in on a day. */
    static String streamOf(String userId, LocalDate day) {
        return "checkin-" + userId + "-" + day;
    }
}
