package dev.tollgate.adapter.in.web.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.RelayCall;
import dev.tollgate.application.upstream.port.out.RelayEndpoint;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the relay reads from a request before anything is sent upstream: absurd or mistyped settings and duplicate
 * keys are refused with the parameter named, and the prompt bound covers everything the provider bills as input.
 */
class RelayRequestParserTest {
    private static final ApiCredentials KEY = new ApiCredentials("sk-test", "127.0.0.1");
    private final RelayRequestParser parser = new RelayRequestParser(new ObjectMapper());

    private RelayCall chat(String json) {
        return parser.parse(RelayEndpoint.CHAT_COMPLETIONS, json.getBytes(StandardCharsets.UTF_8), KEY);
    }

    private static String withMessages(String extra) {
        return "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    }

    private void assertRefused(String json, String param) {
        assertThatThrownBy(() -> chat(json)).isInstanceOfSatisfying(RelayRequestParser.ParamRelayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
        });
    }

    @Test
    void givenAKeyTwiceInOneObject_whenParsed_thenItIsRefusedNamingTheKey() {
        assertRefused(
                "{\"model\":\"cheap\",\"model\":\"expensive\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "model");
        assertRefused(
                withMessages(",\"stream_options\":{\"include_usage\":true,\"include_usage\":false}"), "include_usage");
    }

    @Test
    void givenMistypedOrAbsurdSettings_whenParsed_thenEachIsRefusedNamingItsParameter() {
        assertRefused(withMessages(",\"temperature\":\"hot\""), "temperature");
        assertRefused(withMessages(",\"temperature\":2.5"), "temperature");
        assertRefused(withMessages(",\"top_p\":-0.1"), "top_p");
        assertRefused(withMessages(",\"presence_penalty\":3"), "presence_penalty");
        assertRefused(withMessages(",\"n\":0"), "n");
        assertRefused(withMessages(",\"n\":129"), "n");
        assertRefused(withMessages(",\"n\":\"2\""), "n");
        assertRefused(withMessages(",\"max_tokens\":-5"), "max_tokens");
        assertRefused(withMessages(",\"max_tokens\":99999999999"), "max_tokens");
        assertRefused(withMessages(",\"max_completion_tokens\":1.5"), "max_completion_tokens");
        assertRefused(withMessages(",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]"), "stop");
        assertRefused(withMessages(",\"seed\":\"x\""), "seed");
    }

    @Test
    void givenSettingsInRange_whenParsed_thenTheyAreAccepted() {
        RelayCall call = chat(withMessages(",\"temperature\":0,\"top_p\":1,\"n\":3,\"stop\":[\"x\"],\"seed\":7"));

        assertThat(call.units()).isEqualTo(3);
    }

    @Test
    void givenBothOutputLimits_whenParsed_thenTheLargerIsTheOneHeldFor() {
        assertThat(chat(withMessages(",\"max_tokens\":500,\"max_completion_tokens\":20"))
                        .maxTokens())
                .isEqualTo(500);
        assertThat(chat(withMessages(",\"max_tokens\":20,\"max_completion_tokens\":500"))
                        .maxTokens())
                .isEqualTo(500);
    }

    @Test
    void givenToolsAndAResponseFormat_whenParsed_thenTheirTextCountsInThePromptBound() {
        // given
        long plain = chat(withMessages("")).promptBytes();
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\":\"" + "x".repeat(1_000) + "\",\"parameters\":{\"type\":\"object\"}}}]";

        // when
        long withTools = chat(withMessages(tools)).promptBytes();
        long withFormat = chat(withMessages(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                        + "{\"name\":\"" + "y".repeat(500) + "\"}}"))
                .promptBytes();

        // then
        assertThat(withTools - plain).isGreaterThan(1_000);
        assertThat(withFormat - plain).isGreaterThan(500);
    }

    @Test
    void givenAnImageByUrlAndInlineAudio_whenParsed_thenEachCountsItsBoundNotItsBytes() {
        // given: a short image URL (may be a large image) and 1 MB of base64 audio (about 750 s at the lowest rate)
        String image = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://example.com/a.png\"}}]}]}";
        String audio = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\","
                + "\"input_audio\":{\"data\":\"" + "A".repeat(1_000_000) + "\",\"format\":\"wav\"}}]}]}";

        // then
        assertThat(chat(image).promptBytes()).isGreaterThanOrEqualTo(PromptBound.IMAGE_INPUT_TOKENS_BOUND);
        assertThat(chat(audio).promptBytes())
                .isBetween(
                        750 * PromptBound.AUDIO_TOKENS_PER_SECOND_BOUND,
                        760 * PromptBound.AUDIO_TOKENS_PER_SECOND_BOUND);
    }

    @Test
    void givenAResponseThatContinuesAStoredOne_whenParsed_thenTheStoredContextIsBoundedToo() {
        RelayCall call = parser.parse(
                RelayEndpoint.RESPONSES,
                "{\"model\":\"m\",\"input\":\"and then?\",\"previous_response_id\":\"resp_1\"}"
                        .getBytes(StandardCharsets.UTF_8),
                KEY);

        assertThat(call.promptBytes()).isGreaterThan(PromptBound.STORED_CONTEXT_TOKENS_BOUND);
    }
}
