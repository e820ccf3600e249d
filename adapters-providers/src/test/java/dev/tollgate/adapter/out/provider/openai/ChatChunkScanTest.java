package dev.tollgate.adapter.out.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.upstream.port.out.StreamChunk;
import dev.tollgate.application.upstream.port.out.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming scan of a chat completion event gives the chunk its tree gives ({@link OpenAiChatUpstream#fromTree}),
 * or nothing (the tree is read then): over 20,000 generated events of every shape a provider might send, usual and
 * odd, and over the events OpenAI sends.
 */
class ChatChunkScanTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void givenTheEventsOpenAiSends_whenScanned_thenTheTreesChunkWithoutTheTree() {
        for (String event : List.of("""
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","system_fingerprint":"fp","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}""", """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel\\"lo \\u00e9 😀"},"logprobs":null,"finish_reason":null}]}""", """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":"}}]},"finish_reason":null}]}""", """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":null,"reasoning_content":"Think"},"finish_reason":null}]}""", """
                {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}}}""", """
                {"id":"cmpl-1","object":"text_completion","created":1,"model":"gpt-3.5-turbo-instruct","choices":[{"text":" world","index":0,"logprobs":null,"finish_reason":null}]}""")) {
            // when
            byte[] data = event.getBytes(StandardCharsets.UTF_8);
            StreamChunk scanned = ChatChunkScan.of(MAPPER, data);

            // then
            assertThat(scanned).as(event).isNotNull();
            assertSameChunk(scanned, data);
        }
        StreamChunk usage = ChatChunkScan.of(MAPPER, """
                {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(usage.usage()).isEqualTo(new Usage(12, 8, 0, 0, 0));
        assertThat(usage.usageOnly()).isTrue();
    }

    @Test
    void givenGeneratedEventsOfEveryShape_whenScanned_thenTheTreesChunkOrNone() {
        SplittableRandom random = new SplittableRandom(20261207);
        int scanned = 0;
        for (int i = 0; i < 20_000; i++) {
            // given
            String event = event(random);
            byte[] data = event.getBytes(StandardCharsets.UTF_8);

            // when
            StreamChunk chunk = ChatChunkScan.of(MAPPER, data);

            // then: a chunk only where the tree reads the same one
            if (chunk != null) {
                scanned++;
                assertSameChunk(chunk, data);
            }
        }
        assertThat(scanned).as("events read by the scan").isGreaterThan(10_000);
    }

    @Test
    void givenEventsATreeReadsDifferently_whenScanned_thenNone() {
        for (String odd : List.of(
                "{\"choices\":{\"a\":{\"delta\":{\"content\":\"x\"}}}}",
                "{\"choices\":[{\"delta\":{\"content\":\"a\"},\"delta\":{\"content\":\"b\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"a\",\"content\":\"b\"}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":{\"0\":{\"function\":{\"arguments\":\"x\"}}}}}]}",
                "{\"usage\":{\"prompt_tokens\":1},\"usage\":{\"prompt_tokens\":2}}",
                "{\"choices\":[]} trailing",
                "{\"choices\":[",
                "[1,2]",
                "not json")) {
            assertThat(ChatChunkScan.of(MAPPER, odd.getBytes(StandardCharsets.UTF_8)))
                    .as(odd)
                    .isNull();
        }
    }

    private static void assertSameChunk(StreamChunk scanned, byte[] data) {
        JsonNode root;
        try {
            root = MAPPER.readTree(data);
        } catch (Exception e) {
            throw new AssertionError(
                    "the scan read an event the tree cannot: " + new String(data, StandardCharsets.UTF_8), e);
        }
        assertThat(root.isObject()).isTrue();
        StreamChunk tree = OpenAiChatUpstream.fromTree(root, data);
        String what = new String(data, StandardCharsets.UTF_8);
        assertThat(scanned.data()).as(what).isSameAs(data);
        assertThat(scanned.text()).as(what).isEqualTo(tree.text());
        assertThat(scanned.usage()).as(what).isEqualTo(tree.usage());
        assertThat(scanned.usageOnly()).as(what).isEqualTo(tree.usageOnly());
        assertThat(scanned.event()).as(what).isNull();
        assertThat(scanned.comment()).as(what).isFalse();
    }

    // ---- a generator of events: mostly the usual shape, often odd in one place

    private static String event(SplittableRandom r) {
        List<String> members = new ArrayList<>();
        members.add("\"id\":\"chatcmpl-" + r.nextInt(1000) + "\"");
        if (r.nextInt(10) > 0) {
            members.add("\"choices\":" + choices(r));
        }
        if (r.nextInt(3) == 0) {
            members.add("\"usage\":" + usage(r));
        }
        if (r.nextInt(20) == 0) {
            members.add(members.get(r.nextInt(members.size()))); // a member twice
        }
        if (r.nextInt(4) == 0) {
            members.add("\"model\":" + any(r, 2));
        }
        shuffle(members, r);
        String event = "{" + String.join(",", members) + "}";
        return switch (r.nextInt(40)) {
            case 0 -> event + " {}"; // something after the object
            case 1 -> event.substring(0, r.nextInt(event.length())); // cut short
            case 2 -> "[" + event + "]";
            default -> event;
        };
    }

    private static String choices(SplittableRandom r) {
        if (r.nextInt(25) == 0) {
            return any(r, 2);
        }
        List<String> choices = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            choices.add(r.nextInt(15) == 0 ? any(r, 1) : choice(r));
        }
        return "[" + String.join(",", choices) + "]";
    }

    private static String choice(SplittableRandom r) {
        List<String> members = new ArrayList<>();
        members.add("\"index\":" + r.nextInt(3));
        if (r.nextInt(5) > 0) {
            members.add("\"delta\":" + (r.nextInt(12) == 0 ? any(r, 2) : delta(r)));
        }
        if (r.nextInt(4) == 0) {
            members.add("\"text\":" + textOrOther(r));
        }
        members.add("\"finish_reason\":" + (r.nextBoolean() ? "null" : "\"stop\""));
        if (r.nextInt(30) == 0) {
            members.add(members.get(r.nextInt(members.size())));
        }
        shuffle(members, r);
        return "{" + String.join(",", members) + "}";
    }

    private static String delta(SplittableRandom r) {
        List<String> members = new ArrayList<>();
        if (r.nextInt(3) > 0) {
            members.add("\"content\":" + textOrOther(r));
        }
        if (r.nextInt(4) == 0) {
            members.add("\"reasoning_content\":" + textOrOther(r));
        }
        if (r.nextInt(4) == 0) {
            members.add("\"tool_calls\":" + toolCalls(r));
        }
        if (r.nextInt(3) == 0) {
            members.add("\"role\":\"assistant\"");
        }
        if (r.nextInt(30) == 0 && !members.isEmpty()) {
            members.add(members.get(r.nextInt(members.size())));
        }
        shuffle(members, r);
        return "{" + String.join(",", members) + "}";
    }

    private static String toolCalls(SplittableRandom r) {
        if (r.nextInt(10) == 0) {
            return any(r, 2);
        }
        List<String> calls = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(10) == 0) {
                calls.add(any(r, 1));
                continue;
            }
            String function = r.nextInt(8) == 0
                    ? any(r, 1)
                    : "{\"name\":\"f\",\"arguments\":" + textOrOther(r)
                            + (r.nextInt(30) == 0 ? ",\"arguments\":\"again\"" : "") + "}";
            calls.add("{\"index\":" + i + ",\"function\":" + function + "}");
        }
        return "[" + String.join(",", calls) + "]";
    }

    private static String usage(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> "null";
            case 1 -> any(r, 1);
            case 2 -> "{\"input_tokens\":" + r.nextInt(100) + ",\"output_tokens\":" + r.nextInt(100) + "}";
            case 3 -> "{\"type\":\"duration\",\"seconds\":" + r.nextInt(100) + ".5}";
            case 4 -> "{\"total_tokens\":" + r.nextInt(100) + "}";
            default ->
                "{\"prompt_tokens\":" + r.nextInt(100) + ",\"completion_tokens\":" + r.nextInt(100)
                        + ",\"total_tokens\":" + r.nextInt(200)
                        + ",\"prompt_tokens_details\":{\"cached_tokens\":" + r.nextInt(10) + "}}";
        };
    }

    private static String textOrOther(SplittableRandom r) {
        return r.nextInt(5) == 0 ? any(r, 1) : text(r);
    }

    private static String text(SplittableRandom r) {
        String[] pieces = {"Hello", " ", "\\\"", "\\\\", "\\n", "\\u00e9", "é", "模型", "😀", "\\ud83d\\ude00", "{", "}"};
        StringBuilder text = new StringBuilder("\"");
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            text.append(pieces[r.nextInt(pieces.length)]);
        }
        return text.append('"').toString();
    }

    /** Any JSON value, nested up to {@code depth}. */
    private static String any(SplittableRandom r, int depth) {
        int kinds = depth > 0 ? 8 : 6;
        return switch (r.nextInt(kinds)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> String.valueOf(r.nextInt(-5, 1000));
            case 3 -> "1.5e3";
            case 4 -> text(r);
            case 5 -> "\"x\"";
            case 6 -> "[" + any(r, depth - 1) + "," + any(r, depth - 1) + "]";
            default ->
                "{\"content\":" + any(r, depth - 1) + ",\"text\":" + any(r, depth - 1) + ",\"delta\":"
                        + any(r, depth - 1) + "}";
        };
    }

    private static void shuffle(List<String> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            String t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
