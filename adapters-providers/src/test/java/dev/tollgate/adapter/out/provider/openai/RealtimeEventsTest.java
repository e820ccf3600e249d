package dev.tollgate.adapter.out.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.relay.port.out.RealtimeUpstreamEvent;
import dev.tollgate.application.relay.port.out.RealtimeUsage;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RealtimeEventsTest {
    private final RealtimeEvents events = new RealtimeEvents();

    @Test
    void givenAResponseDoneWithDetailedUsage_whenRead_thenTextAndAudioInputCachedAndOutputAreSeparated() {
        // given: OpenAI's documented response.done shape
        String done = "{\"type\":\"response.done\",\"event_id\":\"event_1\",\"response\":{\"id\":\"resp_1\","
                + "\"status\":\"completed\",\"output\":[],\"usage\":{\"total_tokens\":230,\"input_tokens\":150,"
                + "\"output_tokens\":80,\"input_token_details\":{\"cached_tokens\":30,\"text_tokens\":100,"
                + "\"audio_tokens\":50,\"cached_tokens_details\":{\"text_tokens\":20,\"audio_tokens\":10}},"
                + "\"output_token_details\":{\"text_tokens\":30,\"audio_tokens\":50}}}}";

        // when
        RealtimeUpstreamEvent event = events.read(done);

        // then
        assertThat(event.type()).isEqualTo("response.done");
        assertThat(event.responseId()).isEqualTo("resp_1");
        assertThat(event.responseStatus()).isEqualTo("completed");
        assertThat(event.usage()).isEqualTo(new RealtimeUsage(100, 20, 50, 10, 30, 50));
        assertThat(event.text()).isSameAs(done);
    }

    @Test
    void givenCachedTokensWithoutTheirSplit_whenRead_thenTheCacheCountsAgainstTextFirst() {
        // when
        RealtimeUpstreamEvent event = events.read("{\"type\":\"response.done\",\"response\":{\"id\":\"r\","
                + "\"usage\":{\"input_tokens\":60,\"output_tokens\":5,\"input_token_details\":{\"cached_tokens\":45,"
                + "\"text_tokens\":40,\"audio_tokens\":20}}}}");

        // then: 40 of the 45 cached on text, 5 on audio; output without details is text
        assertThat(event.usage()).isEqualTo(new RealtimeUsage(40, 40, 20, 5, 5, 0));
    }

    @Test
    void givenDeltas_whenRead_thenTheTextIsKeptAndTheAudioMeasuredWithoutDecoding() {
        // given
        String audio = Base64.getEncoder().encodeToString(new byte[4_801]);

        // when
        RealtimeUpstreamEvent text = events.read("{\"type\":\"response.audio_transcript.delta\","
                + "\"response_id\":\"resp_2\",\"delta\":\"Hi there\"}");
        RealtimeUpstreamEvent sound = events.read("{\"delta\":\"" + audio
                + "\",\"type\":\"response.output_audio.delta\"," + "\"response_id\":\"resp_2\"}");

        // then
        assertThat(text.textDelta()).isEqualTo("Hi there");
        assertThat(text.responseId()).isEqualTo("resp_2");
        assertThat(sound.audioDeltaBytes()).isEqualTo(4_801);
        assertThat(sound.textDelta()).isNull();
    }

    @Test
    void givenNegativeOrMissingCounts_whenRead_thenTheyAreClampedAndNoUsageMeansNull() {
        // when
        RealtimeUpstreamEvent negative = events.read(
                "{\"type\":\"response.done\",\"response\":{\"id\":\"r\","
                        + "\"usage\":{\"input_tokens\":-5,\"output_tokens\":-1,\"input_token_details\":{\"cached_tokens\":9}}}}");
        RealtimeUpstreamEvent none =
                events.read("{\"type\":\"response.done\",\"response\":{\"id\":\"r\"," + "\"status\":\"cancelled\"}}");
        RealtimeUpstreamEvent notJson = events.read("not json");

        // then
        assertThat(negative.usage()).isEqualTo(new RealtimeUsage(0, 0, 0, 0, 0, 0));
        assertThat(none.usage()).isNull();
        assertThat(none.responseStatus()).isEqualTo("cancelled");
        assertThat(notJson.type()).isNull();
        assertThat(notJson.text()).isEqualTo("not json");
    }

    @Test
    void givenOpenAiAndAzureChannels_whenTheSessionAddressIsBuilt_thenEachGetsItsOwn() {
        // when
        String openAi = OpenAiRealtimeUpstream.realtimeUri(
                        new dev.tollgate.application.upstream.port.out.UpstreamTarget(
                                "c", "openai", "https://api.example.test/", "k", null),
                        "gpt-4o-realtime-preview")
                .toString();
        String versioned = OpenAiRealtimeUpstream.realtimeUri(
                        new dev.tollgate.application.upstream.port.out.UpstreamTarget(
                                "c", "openai", "http://127.0.0.1:9/v1", "k", null),
                        "m")
                .toString();
        String azure = OpenAiRealtimeUpstream.realtimeUri(
                        new dev.tollgate.application.upstream.port.out.UpstreamTarget(
                                "c", "azure", "https://res.example.test", "k", null),
                        "my deployment")
                .toString();

        // then
        assertThat(openAi).isEqualTo("wss://api.example.test/v1/realtime?model=gpt-4o-realtime-preview");
        assertThat(versioned).isEqualTo("ws://127.0.0.1:9/v1/realtime?model=m");
        assertThat(azure)
                .isEqualTo("wss://res.example.test/openai/realtime?api-version=2024-10-01-preview"
                        + "&deployment=my+deployment");
    }
}
