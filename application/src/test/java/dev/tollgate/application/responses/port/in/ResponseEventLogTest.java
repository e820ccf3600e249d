package dev.tollgate.application.responses.port.in;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.responses.port.in.ResponseEventLog.Event;
import dev.tollgate.application.responses.port.in.ResponseEventLog.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A streamed background response's events: numbered, bounded (oldest dropped, and a reader told), followed live. */
class ResponseEventLogTest {
    private static void append(ResponseEventLog log, String type) {
        log.append(
                type,
                sequence -> ("{\"type\":\"" + type + "\",\"sequence_number\":" + sequence + "}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenEvents_whenReadFromASequenceNumber_thenThoseFromItOnAreReturnedNumberedInOrder() throws Exception {
        // given
        ResponseEventLog log = new ResponseEventLog(100, 1_000_000);
        append(log, "response.created");
        append(log, "response.in_progress");
        append(log, "response.output_text.delta");

        // when
        Page page = log.read(1, Duration.ZERO);

        // then
        assertThat(page.events()).extracting(Event::sequence).containsExactly(1L, 2L);
        assertThat(page.events())
                .extracting(Event::type)
                .containsExactly("response.in_progress", "response.output_text.delta");
        assertThat(new String(page.events().getLast().data(), StandardCharsets.UTF_8))
                .contains("\"sequence_number\":2");
        assertThat(page.lost()).isFalse();
        assertThat(page.ended()).isFalse();
    }

    @Test
    void givenMoreEventsThanTheBound_whenAnOldOneIsAskedFor_thenItIsReportedLostAndTheLatestAreKept() throws Exception {
        // given: at most 3 events kept
        ResponseEventLog log = new ResponseEventLog(3, 1_000_000);
        for (int i = 0; i < 5; i++) {
            append(log, "response.output_text.delta");
        }

        // when
        Page old = log.read(1, Duration.ZERO);
        Page kept = log.read(2, Duration.ZERO);

        // then
        assertThat(old.lost()).isTrue();
        assertThat(old.firstKept()).isEqualTo(2);
        assertThat(kept.events()).extracting(Event::sequence).containsExactly(2L, 3L, 4L);
    }

    @Test
    void givenABoundInBytes_whenEventsExceedIt_thenTheOldestAreDroppedButTheLatestIsAlwaysKept() throws Exception {
        // given: room for fewer bytes than one event
        ResponseEventLog log = new ResponseEventLog(100, 10);
        append(log, "response.created");
        append(log, "response.in_progress");

        // when
        Page page = log.read(0, Duration.ZERO);

        // then
        assertThat(page.lost()).isTrue();
        assertThat(log.read(1, Duration.ZERO).events())
                .extracting(Event::sequence)
                .containsExactly(1L);
    }

    @Test
    void givenAReaderWaitingForTheNextEvent_whenItIsAppendedOrTheLogEnds_thenTheReaderWakesUp() throws Exception {
        // given
        ResponseEventLog log = new ResponseEventLog(100, 1_000_000);
        append(log, "response.created");
        CompletableFuture<Page> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return log.read(1, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // when
        append(log, "response.completed");
        log.end();
        append(log, "ignored.after.the.end");

        // then
        assertThat(waiting.get(10, TimeUnit.SECONDS).events())
                .extracting(Event::type)
                .containsExactly("response.completed");
        Page last = log.read(2, Duration.ofSeconds(10));
        assertThat(last.events()).isEmpty();
        assertThat(last.ended()).isTrue();
        assertThat(log.next()).isEqualTo(2);
    }
}
