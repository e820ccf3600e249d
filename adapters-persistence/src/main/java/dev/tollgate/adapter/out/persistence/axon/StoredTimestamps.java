package dev.tollgate.adapter.out.persistence.axon;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads and writes the timestamps Axon stores as text ({@code DateTimeUtils.formatInstant}:
 * {@code 2026-12-07T13:11:41.123Z}, three to nine digits of fraction read, three written, always UTC) without a {@code DateTimeFormatter}:
 * the general parser cost a few microseconds per event read, and a tracking processor reads every event's timestamp
 * to decide whether a gap before it may still fill. Text of any other shape goes to Axon's parser, so nothing stored
 * earlier is read differently; instants outside the years 0 to 9999 are formatted by Axon's formatter.
 *
 * <p>Also writes instants as {@link Instant#toString()} does ({@code DateTimeFormatter.ISO_INSTANT}: no fraction, or
 * three, six or nine digits), which is how the stored events' JSON carries them.
 */
final class StoredTimestamps {
    private static final int SHORTEST = "2026-12-07T13:11:41.123Z".length();
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits and no sign. */
    private static final long FIRST_SECOND = -62_167_219_200L;

    private static final long LAST_SECOND = 253_402_300_799L;

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

    /** The instant as Axon stores it: {@code DateTimeUtils.formatInstant(instant)}, equal text. */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return DateTimeUtils.formatInstant(instant);
        }
        // milliseconds, always three digits (a finer fraction is cut off, as Axon's formatter does)
        return write(seconds, instant.getNano() / 1_000_000, 3);
    }

    /** The instant as {@link Instant#toString()} writes it, equal text. */
    static String isoInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        if (nanos == 0) {
            return write(seconds, 0, 0);
        }
        if (nanos % 1_000_000 == 0) {
            return write(seconds, nanos / 1_000_000, 3);
        }
        if (nanos % 1_000 == 0) {
            return write(seconds, nanos / 1_000, 6);
        }
        return write(seconds, nanos, 9);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, the fraction with {@code digits} digits (none when 0). */
    private static String write(long epochSecond, int fraction, int digits) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        byte[] text = new byte[digits == 0 ? 20 : 21 + digits];
        put(text, 0, date.getYear(), 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        if (digits > 0) {
            text[19] = '.';
            put(text, 20, fraction, digits);
        }
        text[text.length - 1] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** {@code value} in decimal, {@code width} digits with leading zeros, at {@code text[at]}. */
    private static void put(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
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
