package dev.tollgate.adapter.out.persistence.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.domain.billing.event.QuotaReservedEvent;
import dev.tollgate.domain.billing.event.RequestEvent;
import dev.tollgate.domain.billing.event.RequestSettledEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The request events' own JSON writer writes the very bytes of the event store's serializer, for every component of
 * both records (a component added to a record and not to the writer changes the serializer's bytes only).
 */
class RequestEventJsonTest {
    private static final ObjectMapper STORAGE = TollgateSerializers.storageObjectMapper();
    private static final RequestEventJson WRITER = new RequestEventJson(STORAGE.getFactory());

    @Test
    void givenSettlementsWithEveryComponentSet_whenWritten_thenTheSerializersBytes() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            // given
            RequestSettledEvent event = new RequestSettledEvent(
                    text(random, i),
                    text(random, i + 1),
                    text(random, i + 2),
                    text(random, i + 3),
                    text(random, i + 4),
                    text(random, i + 5),
                    random.nextLong(),
                    random.nextLong(0, Long.MAX_VALUE),
                    random.nextLong(),
                    random.nextLong(),
                    random.nextInt(),
                    text(random, i + 6),
                    random.nextBoolean(),
                    instant(random, i),
                    random.nextLong(),
                    random.nextLong(),
                    random.nextLong(),
                    random.nextLong(),
                    random.nextInt(),
                    random.nextLong(),
                    text(random, i + 7));

            // when / then
            assertSameBytes(event);
        }
    }

    @Test
    void givenReservationsWithEveryComponentSet_whenWritten_thenTheSerializersBytes() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2_000; i++) {
            // given
            QuotaReservedEvent event = new QuotaReservedEvent(
                    text(random, i),
                    text(random, i + 1),
                    text(random, i + 2),
                    text(random, i + 3),
                    random.nextLong(1, Long.MAX_VALUE),
                    text(random, i + 4),
                    instant(random, i),
                    text(random, i + 5));

            // when / then
            assertSameBytes(event);
        }
    }

    @Test
    void givenTheUsualSettlementOfAChatRequest_whenWritten_thenReadBackByTheSerializerAsTheSameEvent()
            throws Exception {
        // given
        RequestSettledEvent event = new RequestSettledEvent(
                "0f3c9b2e7a6d4c1b8e5f2a9d7c4b1e60",
                "token-1",
                "user-1",
                "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18",
                "channel-1",
                12,
                8,
                1_600,
                35,
                200,
                "succeeded",
                true,
                Instant.parse("2026-12-07T15:40:01.123456Z"));

        // when
        byte[] written = WRITER.write(event);

        // then
        assertThat(STORAGE.readValue(written, RequestSettledEvent.class)).isEqualTo(event);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .contains("\"at\":\"2026-12-07T15:40:01.123456Z\"", "\"organizationId\":null");
    }

    private static void assertSameBytes(RequestEvent event) throws Exception {
        byte[] expected = STORAGE.writeValueAsBytes(event);
        byte[] written = WRITER.write(event);
        assertThat(new String(written, StandardCharsets.UTF_8))
                .as("%s", event)
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(expected);
    }

    /** Text with quotes, escapes, control characters, non-ASCII and surrogate pairs; null one time in seven. */
    private static String text(SplittableRandom random, int salt) {
        if ((salt + random.nextInt(7)) % 7 == 0) {
            return null;
        }
        String[] pieces = {"req-", "\"", "\\", "\n", "\u0001", "é", "模型", "😀", "</script>", "a", "0", " "};
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(0, 12);
        for (int i = 0; i < n; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    /** An instant with no fraction, or millisecond, microsecond or nanosecond precision; null one time in nine. */
    private static Instant instant(SplittableRandom random, int salt) {
        if (salt % 9 == 4) {
            return null;
        }
        long seconds = random.nextLong(0, 7_258_118_400L);
        int nanos = switch (salt % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
