package dev.tollgate.adapter.out.persistence.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class StoredTimestampsTest {

    @Test
    void givenInstantsAsAxonStoresThem_whenParsed_thenTheSameInstantAsAxonsParser() {
        SplittableRandom random = new SplittableRandom(20261207);
        for (int i = 0; i < 20_000; i++) {
            // given: any instant from 1970 to 2199, with millisecond, microsecond or nanosecond precision
            long seconds = random.nextLong(0, 7_258_118_400L);
            int nanos = switch (i % 3) {
                case 0 -> random.nextInt(1000) * 1_000_000;
                case 1 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String stored = DateTimeUtils.formatInstant(Instant.ofEpochSecond(seconds, nanos));

            // when
            Instant fixed = StoredTimestamps.parseFixed(stored);

            // then
            assertThat(fixed).as(stored).isNotNull().isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @Test
    void givenTextOfAnotherShape_whenParsed_thenAxonsParserReadsIt() {
        for (String other :
                new String[] {"2026-12-07T13:11:41Z", "2026-12-07T13:11:41.5Z", "2026-12-07T13:11:41.123+01:00"}) {
            // when
            Instant fixed = StoredTimestamps.parseFixed(other);
            Instant parsed = StoredTimestamps.parse(other);

            // then
            assertThat(fixed).as(other).isNull();
            assertThat(parsed).as(other).isEqualTo(DateTimeUtils.parseInstant(other));
        }
    }

    @Test
    void givenImpossibleDatesInTheStoredShape_whenParsedFixed_thenNotTakenForInstants() {
        for (String impossible : new String[] {
            "2026-13-07T13:11:41.123Z",
            "2026-02-30T13:11:41.123Z",
            "2026-12-07T24:11:41.123Z",
            "2026-12-07T13:11:4x.123Z"
        }) {
            assertThat(StoredTimestamps.parseFixed(impossible)).as(impossible).isNull();
        }
    }

    @Test
    void givenAnyInstant_whenFormatted_thenTheTextOfAxonsFormatterAndOfInstantToString() {
        SplittableRandom random = new SplittableRandom(20261208);
        for (int i = 0; i < 20_000; i++) {
            // given: instants from year -1000 to 12000 (outside 0..9999 the library formatters write them), with
            // no fraction, or millisecond, microsecond or nanosecond precision
            long seconds = random.nextLong(-93_706_041_600L, 316_592_985_600L);
            if (i % 2 == 0) {
                seconds = random.nextLong(0, 7_258_118_400L); // mostly 1970 to 2199
            }
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);

            // when / then
            assertThat(StoredTimestamps.format(instant))
                    .as("%s", instant)
                    .isEqualTo(DateTimeUtils.formatInstant(instant));
            assertThat(StoredTimestamps.isoInstant(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void givenTheEdgesOfFourDigitYears_whenFormatted_thenTheLibraryText() {
        for (Instant edge : new Instant[] {
            Instant.parse("0000-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("-0001-12-31T23:59:59Z"),
            Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.EPOCH,
            Instant.ofEpochSecond(-1, 500_000_000)
        }) {
            assertThat(StoredTimestamps.format(edge)).as("%s", edge).isEqualTo(DateTimeUtils.formatInstant(edge));
            assertThat(StoredTimestamps.isoInstant(edge)).as("%s", edge).isEqualTo(edge.toString());
        }
    }
}
