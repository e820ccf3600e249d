package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The default price table shipped in the jar: {@code POST /api/v1/prices/defaults} prices the table's models that
 * have no price yet (one ModelPriceSetEvent each, by the admin who asked), keeps the prices admins set, does nothing
 * more the second time, and replaces everything with {@code ?overwrite=true}; users may not load it.
 */
class DefaultPricesEndToEndTest extends EndToEndTestBase {
    @Autowired
    JdbcTemplate jdbc;

    private long priceEvents(String model) {
        Long n = jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ? "
                        + "and payload_type like '%ModelPriceSetEvent'",
                Long.class, model);
        return n == null ? 0 : n;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void givenAModelWithItsOwnPrice_whenTheDefaultsAreLoaded_thenTheOthersArePricedAndItKeepsItsPrice() {
        // given: an admin priced gpt-4o-mini already
        admin.setPrice("gpt-4o-mini", 111, 222);
        long miniEvents = priceEvents("gpt-4o-mini");

        // when
        AdminApi.Reply first = admin.post("/api/v1/prices/defaults", null);
        long gpt4oEvents = priceEvents("gpt-4o");
        AdminApi.Reply again = admin.post("/api/v1/prices/defaults", null);

        // then: the table's own date and sources come back with what was done
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.json().get("pricesAsOf").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(first.json().get("sources").toString()).contains("https://platform.openai.com/docs/pricing");
        List<String> set = texts(first.json().get("set"));
        List<String> kept = texts(first.json().get("kept"));
        assertThat(kept).contains("gpt-4o-mini");
        assertThat(set)
                .doesNotContain("gpt-4o-mini")
                .allSatisfy(m -> assertThat(kept).doesNotContain(m));
        assertThat(set.size() + kept.size()).isGreaterThanOrEqualTo(30);
        // gpt-4o: $2.50 in, $1.25 cached, $10 out per 1M tokens at 500,000 units per dollar
        JsonNode gpt4o = admin.get("/api/v1/prices/gpt-4o").json();
        assertThat(gpt4o.get("input").asLong()).isEqualTo(1_250_000);
        assertThat(gpt4o.get("cachedInput").asLong()).isEqualTo(625_000);
        assertThat(gpt4o.get("output").asLong()).isEqualTo(5_000_000);
        JsonNode sonnet = admin.get("/api/v1/prices/claude-sonnet-4-20250514").json();
        assertThat(sonnet.get("input").asLong()).isEqualTo(1_500_000);
        assertThat(sonnet.get("output").asLong()).isEqualTo(7_500_000);
        JsonNode mini = admin.get("/api/v1/prices/gpt-4o-mini").json();
        assertThat(mini.get("input").asLong()).isEqualTo(111);
        assertThat(mini.get("output").asLong()).isEqualTo(222);
        assertThat(priceEvents("gpt-4o-mini")).isEqualTo(miniEvents);
        for (String model : set) {
            assertThat(admin.get("/api/v1/prices/" + model).status()).as(model).isEqualTo(200);
        }
        // the second time every model already has a price: nothing is set, no event is added
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("set")).isEmpty();
        assertThat(texts(again.json().get("kept"))).containsAll(set).contains("gpt-4o-mini");
        assertThat(priceEvents("gpt-4o")).isEqualTo(gpt4oEvents);
        assertThat(admin.get("/api/v1/prices").raw().body()).contains("\"model\":\"gpt-4o\"");
    }

    @Test
    void givenOverwrite_whenTheDefaultsAreLoaded_thenEveryModelOfTheTableGetsItsPrice() {
        // given
        admin.setPrice("o4-mini", 1, 2);
        long events = priceEvents("o4-mini");

        // when
        AdminApi.Reply r = admin.post("/api/v1/prices/defaults?overwrite=true", null);

        // then: $1.10 in, $0.275 cached, $4.40 out
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("kept")).isEmpty();
        assertThat(texts(r.json().get("set"))).contains("o4-mini", "gpt-4o", "deepseek-chat");
        JsonNode o4mini = admin.get("/api/v1/prices/o4-mini").json();
        assertThat(o4mini.get("input").asLong()).isEqualTo(550_000);
        assertThat(o4mini.get("cachedInput").asLong()).isEqualTo(137_500);
        assertThat(o4mini.get("output").asLong()).isEqualTo(2_200_000);
        assertThat(priceEvents("o4-mini")).isEqualTo(events + 1);
    }

    @Test
    void givenAUserOrABadFlag_whenLoadingTheDefaults_then403Or400AndNothingChanges() {
        // given
        String name = uniqueModel("pricer");
        admin.post("/api/v1/users", Map.of("username", name, "password", "correct-horse-battery-1"));
        AdminApi user = new AdminApi(port).loginAs(name, "correct-horse-battery-1");
        admin.setPrice("gemini-2.5-flash", 3, 4);

        // when
        AdminApi.Reply asUser = user.post("/api/v1/prices/defaults?overwrite=true", null);
        AdminApi.Reply badFlag = admin.post("/api/v1/prices/defaults?overwrite=yes", null);

        // then
        assertThat(asUser.status()).isEqualTo(403);
        assertThat(asUser.raw().headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.json().get("detail").asText()).contains("overwrite must be true or false");
        JsonNode flash = admin.get("/api/v1/prices/gemini-2.5-flash").json();
        assertThat(flash.get("input").asLong()).isEqualTo(3);
        assertThat(flash.get("output").asLong()).isEqualTo(4);
    }
}
