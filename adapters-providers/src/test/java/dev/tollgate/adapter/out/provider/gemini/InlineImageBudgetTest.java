package dev.tollgate.adapter.out.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.out.provider.InlineImage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Issue 18, item 12: the number and the total size of images fetched for one request are limited. */
class InlineImageBudgetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode chatWithImages(int images) {
        ObjectNode chat = JSON.createObjectNode().put("model", "gemini-2.0-flash");
        ArrayNode content =
                chat.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "what is in these?");
        for (int i = 0; i < images; i++) {
            content.addObject()
                    .put("type", "image_url")
                    .putObject("image_url")
                    .put("url", "https://images.example.com/" + i + ".png");
        }
        return chat;
    }

    @Test
    void givenSeventeenImageUrls_whenConverted_thenRefusedAfterSixteenFetches() {
        // given
        AtomicInteger fetched = new AtomicInteger();
        Function<String, InlineImage> fetcher = url -> {
            fetched.incrementAndGet();
            return new InlineImage("image/png", "iVBORw0KGgo=");
        };

        // when / then
        assertThatThrownBy(
                        () -> GeminiChatRequests.chatRequest(chatWithImages(17), null, InlineImage.perRequest(fetcher)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 16 images");
        assertThat(fetched).hasValue(16);
        assertThat(GeminiChatRequests.chatRequest(chatWithImages(16), null, InlineImage.perRequest(fetcher)))
                .isNotNull();
    }

    @Test
    void givenImagesOverTwentyMiBInAll_whenConverted_thenRefused() {
        // given: 3 MiB each, 7 of them
        String threeMiB = "A".repeat(4 * 1024 * 1024);
        Function<String, InlineImage> fetcher = url -> new InlineImage("image/png", threeMiB);

        // when / then
        assertThatThrownBy(
                        () -> GeminiChatRequests.chatRequest(chatWithImages(7), null, InlineImage.perRequest(fetcher)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20 MiB");
        assertThat(GeminiChatRequests.chatRequest(chatWithImages(6), null, InlineImage.perRequest(fetcher)))
                .isNotNull();
    }
}
