package dev.tollgate.adapter.out.persistence.axon;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads the timestamps Axon stores as text ({@code DateTimeUtils.formatInstant}: {@code 2026-12-07T13:11:41.123Z},
 * three to nine digits of fraction, always UTC) without a {@code DateTimeFormatter}: the general parser cost a few
 * microseconds per event read, and a tracking processor reads every event's timestamp to decide whether a gap before
 * it may still fill. Text of any other shape goes to Axon's parser, so nothing stored earlier is read differently.
 */
final class StoredTimestamps {
    private static final int SHORTEST = "2026-12-07T13:11:41.123Z".length();

    private StoredTimestamps() {}

    static Instant parse(String text) {
        Instant fast = parseFixed(text);
        return fast != null ? fast : DateTimeUtils.parseInstant(text);
    }

    /** The instant of text in the stored shape, or {@code null} when it has another shape. */
    static Instant parseFixed(String text) {
        int length = text.length();
        if (length < SHORTEST
                || length > SHORTEST + 6
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != '.'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = digits(text, 20, length - 1);
        if ((year | month | day | hour | minute | second | fraction) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour > 23
                || minute > 59
                || second > 59) {
            return null;
        }
        int nanos = fraction;
        for (int i = length - 1 - 20; i < 9; i++) {
            nanos *= 10;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
        long seconds = date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
