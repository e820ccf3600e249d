package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One-api's ratio tables, from JSON fixtures shaped like one-api's own option values ({@code one-api/*.json} under
 * the test resources): the exact prices they import to (ratio 1 = 1,000,000 units per 1M tokens, the output price
 * = ratio × completion ratio, rounded half-up once), the same tables given as one-api stores them (strings holding
 * JSON), export → import giving the same prices back, and bad tables refused with 400 without changing anything.
 *
 * <p>The fixtures use real model names; each test prefixes them with a name of its own so that tests sharing the
 * application do not see each other's prices.
 */
class OneApiPriceImportEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MODELS = List.of(
            "gpt-4o",
            "gpt-4o-mini",
            "gpt-3.5-turbo",
            "claude-3-5-sonnet-20240620",
            "claude-3-haiku-20240307",
            "text-embedding-3-small",
            "deepseek-chat",
            "qwen-turbo",
            "ERNIE-4.0-8K",
            "free-model",
            "whisper-1");
    private static final Pattern MODEL = Pattern.compile(
            "(\\\\?\")(" + String.join("|", MODELS.stream().map(Pattern::quote).toList()) + ")(\\\\?\")");

    /** model → {input, output} units per 1M tokens that options-subset.json must import to. */
    private static final Map<String, long[]> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("gpt-4o", new long[] {2_500_000, 10_000_000}); // 2.5, completion 4
        EXPECTED.put("gpt-4o-mini", new long[] {75_000, 300_000}); // 0.075, completion 4
        EXPECTED.put("gpt-3.5-turbo", new long[] {250_000, 750_000}); // 0.25, completion 3
        EXPECTED.put("claude-3-5-sonnet-20240620", new long[] {1_500_000, 7_500_000}); // 1.5, completion 5
        EXPECTED.put("claude-3-haiku-20240307", new long[] {125_000, 625_000}); // 0.125, completion 5
        EXPECTED.put("text-embedding-3-small", new long[] {10_000, 10_000}); // 0.01, no completion ratio: 1
        // 0.07142857142857142 (a yuan-based ratio) → 71,428.57… → 71,429; output 0.14285714285714284 → 142,857
        // (rounded once from the exact product, not 2 × 71,429)
        EXPECTED.put("deepseek-chat", new long[] {71_429, 142_857});
        EXPECTED.put("qwen-turbo", new long[] {142_857, 142_857}); // 0.14285714285714285
        EXPECTED.put("ERNIE-4.0-8K", new long[] {8_571_429, 8_571_429}); // 8.571428571428571
        EXPECTED.put("free-model", new long[] {0, 0});
    }

    /** The fixture's text with every model name prefixed (in objects and inside JSON strings alike). */
    private static String fixture(String name, String prefix) {
        try (InputStream in = OneApiPriceImportEndToEndTest.class.getResourceAsStream("/one-api/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = MODEL.matcher(text);
            return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + prefix + r.group(2) + r.group(3)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode price(String model) {
        AdminApi.Reply r = admin.get("/api/v1/prices/" + model);
        return r.status() == 200 ? r.json() : null;
    }

    private void assertImportedExactly(String prefix) {
        EXPECTED.forEach((model, units) -> {
            JsonNode p = price(prefix + model);
            assertThat(p).as(model).isNotNull();
            assertThat(p.get("input").asLong()).as(model + " input").isEqualTo(units[0]);
            assertThat(p.get("output").asLong()).as(model + " output").isEqualTo(units[1]);
            // no CacheRatio: cache prices are the input price, for Claude models Anthropic's ratios
            boolean claude = model.contains("claude");
            assertThat(p.get("cachedInput").asLong())
                    .as(model + " cached input")
                    .isEqualTo(claude ? Math.ceilDiv(units[0], 10) : units[0]);
            assertThat(p.get("cacheWrite").asLong())
                    .as(model + " cache write")
                    .isEqualTo(claude ? Math.ceilDiv(units[0] * 5, 4) : units[0]);
        });
        // a completion ratio of a model without a model ratio sets nothing
        assertThat(price(prefix + "whisper-1")).isNull();
    }

    @Test
    void givenOneApisOptionValues_whenImported_thenEachModelHasExactlyTheConvertedPrice() {
        // given
        String prefix = uniqueModel("fx") + "-";

        // when
        AdminApi.Reply r = admin.post("/api/v1/prices/import/one-api", fixture("options-subset.json", prefix));

        // then
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(10);
        assertThat(r.json().get("groups").toString()).isEqualTo("[\"default\",\"svip\",\"vip\"]");
        assertImportedExactly(prefix);
    }

    @Test
    void givenTheTablesAsOneApiStoresThem_whenImported_thenTheyImportLikeTheObjects() {
        // given: each option value a string holding the JSON object, as in one-api's options table
        String prefix = uniqueModel("fxs") + "-";

        // when
        AdminApi.Reply r =
                admin.post("/api/v1/prices/import/one-api", fixture("option-values-as-strings.json", prefix));

        // then
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(10);
        assertImportedExactly(prefix);
    }

    @Test
    void givenImportedPrices_whenExportedAndImportedAgain_thenThePricesAreTheSame() throws Exception {
        // given: the fixture, plus prices set directly whose output/input ratio has no short decimal
        String prefix = uniqueModel("fxr") + "-";
        assertThat(admin.post("/api/v1/prices/import/one-api", fixture("options-subset.json", prefix))
                        .status())
                .isEqualTo(200);
        admin.setPrice(prefix + "thirds", 3_000_000, 10_000_000);
        admin.setPrice(prefix + "sevenths", 7_000_001, 3);
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String model : EXPECTED.keySet()) {
            before.put(prefix + model, price(prefix + model));
        }
        before.put(prefix + "thirds", price(prefix + "thirds"));
        before.put(prefix + "sevenths", price(prefix + "sevenths"));

        // when: the export, reduced to this test's models, is imported after the prices were changed
        JsonNode exported = admin.get("/api/v1/prices/export/one-api").json();
        ObjectNode tables = JSON.createObjectNode();
        ObjectNode modelRatio = tables.putObject("ModelRatio");
        ObjectNode completionRatio = tables.putObject("CompletionRatio");
        for (String model : before.keySet()) {
            modelRatio.set(model, exported.get("ModelRatio").get(model));
            if (exported.get("CompletionRatio").has(model)) {
                completionRatio.set(model, exported.get("CompletionRatio").get(model));
            }
            admin.setPrice(model, 1, 1);
        }
        AdminApi.Reply reimported = admin.post("/api/v1/prices/import/one-api", JSON.writeValueAsString(tables));

        // then
        assertThat(exported.get("ModelRatio").get(prefix + "gpt-4o").decimalValue())
                .isEqualByComparingTo("2.5");
        assertThat(exported.get("CompletionRatio").get(prefix + "gpt-4o").decimalValue())
                .isEqualByComparingTo("4");
        assertThat(exported.get("ModelRatio").get(prefix + "ERNIE-4.0-8K").decimalValue())
                .isEqualByComparingTo("8.571429");
        assertThat(reimported.status()).as(reimported.raw().body()).isEqualTo(200);
        assertThat(reimported.json().get("imported").asInt()).isEqualTo(before.size());
        before.forEach((model, was) -> {
            JsonNode now = price(model);
            assertThat(now.get("input").asLong())
                    .as(model + " input")
                    .isEqualTo(was.get("input").asLong());
            assertThat(now.get("output").asLong())
                    .as(model + " output")
                    .isEqualTo(was.get("output").asLong());
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bad-ratio-not-a-number.json",
                "bad-negative-ratio.json",
                "bad-negative-completion-ratio.json",
                "bad-ratio-too-large.json",
                "bad-model-ratio-not-an-object.json",
                "bad-completion-ratio-not-an-object.json",
                "bad-string-not-json.json",
                "bad-no-model-ratio.json",
                "bad-truncated.json"
            })
    void givenABadTable_whenImported_then400AndNoPriceChanges(String fixture) {
        // given: gpt-4o already has a price; gpt-4o-mini has none; both are in every bad fixture
        String prefix = uniqueModel("fxbad") + "-";
        admin.setPrice(prefix + "gpt-4o", 11, 22);

        // when
        AdminApi.Reply r = admin.post("/api/v1/prices/import/one-api", fixture(fixture, prefix));

        // then: a problem in plain words, and neither model's price moved
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(r.json().get("code").asText()).isNotBlank();
        assertThat(r.json().get("detail").asText()).isNotBlank();
        JsonNode kept = price(prefix + "gpt-4o");
        assertThat(kept.get("input").asLong()).isEqualTo(11);
        assertThat(kept.get("output").asLong()).isEqualTo(22);
        assertThat(price(prefix + "gpt-4o-mini")).isNull();
    }
}
