package dev.tollgate.adapter.out.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.upstream.port.out.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageScanTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private Usage scan(String answer) {
        return UsageScan.of(mapper, answer.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenAChatCompletionWithUsageAfterItsChoices_whenScanned_thenTheUsageIsReadAndTheRestSkipped() {
        // given
        String answer = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + "x".repeat(10_000) + "\",\"tool_calls\":[{\"function\":{\"arguments\":\"{\\\"a\\\":[1,2]}\"}}]}}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,\"total_tokens\":20,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":"
                + "{\"reasoning_tokens\":3}},\"system_fingerprint\":null}";

        // when
        Usage usage = scan(answer);

        // then
        assertThat(usage).isEqualTo(new Usage(12, 8, 4, 3, 0));
    }

    @Test
    void givenAResponsesAnswer_whenScanned_thenItsInputAndOutputTokensAreRead() {
        assertThat(scan("{\"output\":[],\"usage\":{\"input_tokens\":5,\"output_tokens\":7,"
                        + "\"input_tokens_details\":{\"cached_tokens\":1}}}"))
                .isEqualTo(new Usage(5, 7, 1, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"choices\":[]}",
                "{\"usage\":null}",
                "{\"usage\":{}}",
                "[1,2]",
                "\"text\"",
                "{\"usage\":{\"prompt_tokens\":1}",
                "not json",
                ""
            })
    void givenAnAnswerWithoutCountedUsageOrNotOneWellFormedObject_whenScanned_thenNull(String answer) {
        // the caller then reads it the slow way (counts its text, or reports it broken)
        assertThat(scan(answer)).isNull();
    }
}
