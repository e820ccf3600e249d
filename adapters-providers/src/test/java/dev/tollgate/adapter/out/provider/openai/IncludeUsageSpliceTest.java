package dev.tollgate.adapter.out.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Splicing {@code stream_options.include_usage} into a streamed chat request gives the provider the same JSON as
 * editing the tree would, keeps every other byte of the client's, and declines whatever it cannot splice safely.
 */
class IncludeUsageSpliceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MEMBER = "\"stream_options\":{\"include_usage\":true}";

    /** What the tree edit (the fallback) makes of a body. */
    private static JsonNode edited(String body) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        root.putObject("stream_options").put("include_usage", true);
        return root;
    }

    private static String spliced(String body) {
        byte[] out = IncludeUsageSplice.splice(body.getBytes(StandardCharsets.UTF_8));
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void givenAUsualStreamedChat_whenSpliced_thenTheMemberComesFirstAndTheRestIsTheClients() throws Exception {
        // given
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        // when
        String out = spliced(body);

        // then
        assertThat(out).isEqualTo("{" + MEMBER + "," + body.substring(1));
        assertThat(JSON.readTree(out)).isEqualTo(edited(body));
    }

    @Test
    void givenWhitespaceAByteOrderMarkOrAnEmptyObject_whenSpliced_thenTheJsonIsStillRight() throws Exception {
        for (String body : List.of(
                "  \n\t{ \"model\" : \"m\" , \"stream\" : true }\n",
                "\uFEFF{\"model\":\"m\",\"stream\":true}",
                "{}",
                "{ }")) {
            String out = spliced(body);
            assertThat(out).as(body).isNotNull();
            // read as bytes, as the provider reads them (a byte order mark is skipped there, not in a String)
            assertThat(JSON.readTree(out.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isEqualTo(edited(body.replace("\uFEFF", "")));
        }
    }

    @Test
    void givenWhatCannotBeSplicedSafely_whenAsked_thenItDeclinesAndTheTreeIsEdited() {
        for (String body : List.of(
                "{\"model\":\"m\",\"stream_options\":{\"include_usage\":false}}",
                "{\"model\":\"m\",\"stream_options\":null}",
                "{\"stream_options\":{},\"model\":\"m\"}",
                "[{\"model\":\"m\"}]",
                "\"text\"",
                "42",
                "",
                "{\"model\":\"m\"} {\"model\":\"n\"}",
                "{\"model\":\"m\"} trailing",
                "{\"model\":\"m\",",
                "{\"model\":}",
                "{'model':'m'}")) {
            assertThat(spliced(body)).as(body).isNull();
        }
    }

    @Test
    void givenANestedStreamOptionsKey_whenSpliced_thenOnlyTheTopLevelCounts() throws Exception {
        // given: "stream_options" inside a message, and as a string value
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"stream_options\",\"x\":{\"stream_options\":1}}],"
                + "\"metadata\":{\"stream_options\":{\"include_usage\":false}}}";

        // when / then
        assertThat(JSON.readTree(spliced(body))).isEqualTo(edited(body));
    }

    @Test
    void givenManyGeneratedBodies_whenSpliced_thenEachEqualsTheTreeEditAndKeepsTheClientsBytes() throws Exception {
        Random random = new Random(20261207);
        for (int i = 0; i < 5_000; i++) {
            // given
            String body = object(random, 0);

            // when
            String out = spliced(body);

            // then
            assertThat(out).as(body).isNotNull();
            assertThat(JSON.readTree(out)).as(body).isEqualTo(edited(body));
            int at = body.indexOf('{') + 1;
            String inserted =
                    body.substring(at).isBlank() || body.substring(at).trim().startsWith("}") ? MEMBER : MEMBER + ",";
            assertThat(out.substring(0, at) + out.substring(at + inserted.length()))
                    .isEqualTo(body);
        }
    }

    private static String object(Random random, int depth) {
        StringBuilder json = new StringBuilder(random.nextBoolean() ? "{" : " { ");
        int members = random.nextInt(depth == 0 ? 6 : 4);
        String[] names = {"model", "messages", "stream", "temperature", "tools", "user", "metadata", "n", "stop", "键"};
        List<String> shuffled = Arrays.asList(names.clone());
        java.util.Collections.shuffle(shuffled, random);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                json.append(random.nextBoolean() ? "," : " ,\n ");
            }
            json.append('"').append(shuffled.get(m)).append("\":").append(value(random, depth + 1));
        }
        return json.append(random.nextBoolean() ? "}" : " }\n").toString();
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        return switch (kind) {
            case 0 -> "\"" + text(random) + "\"";
            case 1 -> Integer.toString(random.nextInt(2_000_001) - 1_000_000);
            case 2 -> random.nextBoolean() ? "true" : "false";
            case 3 -> "null";
            case 4 -> Double.toString(random.nextDouble() * 2);
            case 5 -> object(random, depth);
            default -> {
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    array.append(k > 0 ? "," : "").append(value(random, depth + 1));
                }
                yield array.append(']').toString();
            }
        };
    }

    private static String text(Random random) {
        String[] pieces = {
            "hi", "\\\"quoted\\\"", "\\\\", "\\n", "\\u00e9", "é", "日本語", "😀", "{", "}", ",", "stream_options", " "
        };
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(6);
        for (int k = 0; k < n; k++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
