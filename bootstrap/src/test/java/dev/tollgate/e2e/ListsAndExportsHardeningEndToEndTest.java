package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 18: a page number whose offset overflows is a 400, not a database error; a CSV export cannot start a
 * cell with a TAB or CR (spreadsheets run those as formulas too). (Forged log lines: {@code EmailEndToEndTest}.)
 */
class ListsAndExportsHardeningEndToEndTest extends EndToEndTestBase {

    @Test
    void givenAHugePageNumber_whenListing_then400NamingPageOnEveryPagedList() {
        for (String path : List.of(
                "/api/v1/audit-log?page=2147483647&size=500",
                "/api/v1/usage?page=4294968&size=500",
                "/api/v1/ledger?page=10000000&size=500",
                "/api/v1/users?page=2147483647&size=500",
                "/api/v1/channels?page=100000&size=500",
                "/api/v1/tokens?page=2147483647&size=2")) {
            // when
            AdminApi.Reply reply = admin.get(path);

            // then
            assertThat(reply.status()).as(path + " " + reply.raw().body()).isEqualTo(400);
            assertThat(reply.json().get("field").asText()).isEqualTo("page");
        }
        assertThat(admin.get("/api/v1/audit-log?page=200&size=500").status()).isEqualTo(200);
    }

    @Test
    void givenReasonsStartingWithTabOrCarriageReturn_whenTheLedgerIsExported_thenTheyCannotRunAsFormulas() {
        // given
        JsonNode user = admin.post(
                        "/api/v1/users",
                        Map.of("username", uniqueModel("csv"), "password", "correct-horse-battery-18", "role", "USER"))
                .json();
        String id = user.get("id").asText();
        admin.post("/api/v1/users/" + id + "/wallet/credits", Map.of("amount", 10, "reason", "\t=1+1"));
        admin.post("/api/v1/users/" + id + "/wallet/credits", Map.of("amount", 10, "reason", "\r=HYPERLINK(\"x\")"));

        // when: the ledger follows the event log (its own processor): read once both credits are in
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> admin.get("/api/v1/ledger?ownerId=" + id)
                                .json()
                                .get("entries")
                                .size()
                        == 2);
        String csv = admin.get("/api/v1/ledger.csv?ownerId=" + id).raw().body();

        // then
        assertThat(csv)
                .contains(",'\t=1+1,")
                .contains(",\"'\r=HYPERLINK(\"\"x\"\")\",")
                .doesNotContain(",\t=")
                .doesNotContain(",\"\r=");
    }
}
