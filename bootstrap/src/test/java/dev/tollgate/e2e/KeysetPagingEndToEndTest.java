package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 18: the long lists (audit log, usage records, ledger, users, keys) read by keyset through HTTP — {@code after}
 * empty for the first page, then each answer's {@code next} — return every row once, in the list's order, and end
 * with {@code next: null}; a cursor that is not one of ours is a 400 naming {@code after}; a size out of bounds is a
 * 400 naming {@code size}.
 */
class KeysetPagingEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-kp";

    /** Every item of {@code path} read by keyset in pages of {@code size}; asserts each page's bound. */
    private List<JsonNode> scroll(AdminApi as, String path, int size) {
        List<JsonNode> all = new ArrayList<>();
        String after = "";
        for (int pages = 0; pages < 10_000; pages++) {
            String separator = path.contains("?") ? "&" : "?";
            AdminApi.Reply reply = as.get(
                    path + separator + "size=" + size + "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
            JsonNode page = reply.json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(size);
            assertThat(page.has("total")).isFalse();
            page.get("items").forEach(all::add);
            if (page.get("next").isNull()) {
                return all;
            }
            after = page.get("next").asText();
        }
        throw new AssertionError("no last page");
    }

    private static List<String> texts(List<JsonNode> items, String field) {
        return items.stream().map(item -> item.get(field).asText()).toList();
    }

    @Test
    void givenSevenNewUsers_whenTheAuditLogAndTheUsersAreReadByKeysetInPagesOfTwo_thenEachOnceInOrder() {
        // given
        Instant start = Instant.now();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(admin.post("/api/v1/users", Map.of("username", uniqueModel("kp"), "password", PASSWORD))
                    .json()
                    .get("id")
                    .asText());
        }
        String audit = "/api/v1/audit-log?action=user.registered&from=" + start;
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> admin.get(audit).json().get("total").asLong() >= 7);
        // the list of users is a projection too (ADR 12): wait for its last row
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> texts(scroll(admin, "/api/v1/users", 500), "id").contains(created.get(6)));

        // when
        List<JsonNode> entries = scroll(admin, audit, 2);
        List<JsonNode> users = scroll(admin, "/api/v1/users", 2);

        // then: the audit log newest first, the users in registration order, as the paged lists have them
        assertThat(texts(entries, "targetId")).containsExactlyElementsOf(created.reversed());
        assertThat(texts(entries, "at"))
                .isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        List<String> userIds = texts(users, "id");
        assertThat(new HashSet<>(userIds)).hasSize(userIds.size());
        assertThat(userIds).containsSubsequence(created);
        assertThat(userIds).hasSize((int)
                admin.get("/api/v1/users?size=1").json().get("total").asLong());
        assertThat(texts(users, "registeredAt"))
                .isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
    }

    @Test
    void givenKeysOfTwoHolders_whenEachReadsTheirKeysByKeyset_thenTheirOwnOnlyNewestFirstEachOnce() {
        // given
        String name = uniqueModel("kh");
        admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD));
        AdminApi holder = new AdminApi(port).loginAs(name, PASSWORD);
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            own.add(holder.post("/api/v1/tokens", Map.of("name", "k" + i, "quota", 10))
                    .json()
                    .get("id")
                    .asText());
        }
        admin.createToken(Map.of("name", "root's", "quota", 10));

        // when
        List<JsonNode> keys = scroll(holder, "/api/v1/tokens", 2);
        List<JsonNode> everyKey = scroll(admin, "/api/v1/tokens", 50);

        // then
        assertThat(texts(keys, "id")).containsExactlyInAnyOrderElementsOf(own);
        assertThat(texts(keys, "createdAt"))
                .isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        Set<String> all = new HashSet<>(texts(everyKey, "id"));
        assertThat(all).hasSize(everyKey.size()).containsAll(own);
    }

    @Test
    void givenRelayedRequests_whenUsageAndLedgerAreReadByKeyset_thenEveryRecordAndEntryOnceNewestFirst() {
        // given: five chats on a key of its own
        String model = uniqueModel("kp-usage");
        admin.createChannel("kp-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        admin.setPrice(model, 1_000_000, 1_000_000);
        JsonNode token = admin.createToken(Map.of("name", "kp-usage", "quota", 100_000));
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        for (int i = 0; i < 5; i++) {
            assertThat(admin.call(
                                    "POST",
                                    "/v1/chat/completions",
                                    body,
                                    token.get("key").asText())
                            .status())
                    .isEqualTo(200);
        }
        String usage = "/api/v1/usage?tokenId=" + token.get("id").asText();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> admin.get(usage).json().get("total").asLong() >= 5);

        // when
        List<JsonNode> records = scroll(admin, usage, 2);

        // then
        assertThat(records).hasSize(5);
        assertThat(new HashSet<>(texts(records, "requestId"))).hasSize(5);
        assertThat(texts(records, "at"))
                .isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        assertThat(texts(records, "requestId"))
                .containsExactlyElementsOf(
                        texts(iterable(admin.get(usage + "&size=5").json().get("items")), "requestId"));

        // and the ledger of that key: reservations, settlements and releases, each once
        String ledger = "/api/v1/ledger?tokenId=" + token.get("id").asText();
        List<JsonNode> entries = scroll(admin, ledger, 2);
        List<JsonNode> paged = iterable(admin.get(ledger + "&size=500").json().get("entries"));
        assertThat(entries).hasSizeGreaterThanOrEqualTo(5).hasSize(paged.size());
        List<String> keys = entries.stream()
                .map(e -> e.get("reference").asText() + "/" + e.get("kind").asText())
                .toList();
        assertThat(new HashSet<>(keys))
                .hasSize(entries.size())
                .isEqualTo(new HashSet<>(paged.stream()
                        .map(e -> e.get("reference").asText() + "/"
                                + e.get("kind").asText())
                        .toList()));
        assertThat(texts(entries, "at"))
                .isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
    }

    @Test
    void givenCursorsThatAreNotOurs_whenListing_then400NamingAfterOnEveryKeysetList() {
        for (String list :
                List.of("/api/v1/audit-log", "/api/v1/usage", "/api/v1/ledger", "/api/v1/users", "/api/v1/tokens")) {
            for (String after : List.of("***", "bm90LWEtdGltZR94", "b25seS1vbmU")) {
                // when
                AdminApi.Reply reply = admin.get(list + "?after=" + after);

                // then
                assertThat(reply.status())
                        .as(list + " " + after + " " + reply.raw().body())
                        .isEqualTo(400);
                assertThat(reply.raw().headers().firstValue("Content-Type").orElse(""))
                        .startsWith("application/problem+json");
                assertThat(reply.json().get("field").asText()).isEqualTo("after");
            }
            AdminApi.Reply tooLarge = admin.get(list + "?after=&size=501");
            assertThat(tooLarge.status()).isEqualTo(400);
            assertThat(tooLarge.json().get("field").asText()).isEqualTo("size");
            assertThat(admin.get(list + "?page=99999999999").status()).isEqualTo(400);
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
