package dev.tollgate.adapter.out.provider.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JtokkitTokenCounterTest {
    private final JtokkitTokenCounter counter = new JtokkitTokenCounter();

    @Test
    void givenEnglishText_whenCounted_thenTheCountMatchesTheEncodingsKnownFigure() {
        // given: "Hello world" is two tokens in both cl100k_base and o200k_base
        // when / then
        assertThat(counter.countTokens("gpt-4o-mini", "Hello world")).isEqualTo(2);
        assertThat(counter.countTokens("gpt-3.5-turbo", "Hello world")).isEqualTo(2);
        assertThat(counter.countTokens("deepseek-chat", "")).isZero();
    }

    @Test
    void givenModelFamilies_whenChoosingTheEncoding_thenNewOpenAiModelsUseO200kAndOthersCl100k() {
        assertThat(counter.encodingFor("gpt-4o-2024-08-06").getName()).isEqualTo("o200k_base");
        assertThat(counter.encodingFor("openai/gpt-4.1-mini").getName()).isEqualTo("o200k_base");
        assertThat(counter.encodingFor("o3-mini").getName()).isEqualTo("o200k_base");
        assertThat(counter.encodingFor("gpt-4").getName()).isEqualTo("cl100k_base");
        assertThat(counter.encodingFor("qwen2.5:7b").getName()).isEqualTo("cl100k_base");
        assertThat(counter.encodingFor(null).getName()).isEqualTo("cl100k_base");
    }

    @Test
    void givenChineseText_whenCounted_thenEachTokenCoversAtMostAFewCharacters() {
        // given
        String text = "一加一等于二，这是最简单的算术。";

        // when
        long tokens = counter.countTokens("deepseek-chat", text);

        // then: CJK text costs roughly a token per character or two, never zero and never more than its bytes
        assertThat(tokens).isBetween((long) text.length() / 3, (long) text.getBytes(StandardCharsets.UTF_8).length);
    }
}
