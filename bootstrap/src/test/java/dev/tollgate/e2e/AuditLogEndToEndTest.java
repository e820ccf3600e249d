package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.out.persistence.audit.AuditLogProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log: an admin's action shows up with actor, action, target, time, client address and request id, and no
 * secret; a user sees only their own actions in the same shape; replaying the projection changes nothing.
 */
class AuditLogEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    /** The audit-log page for {@code query} once it has {@code atLeast} entries (or the last one read, after 10 s). */
    private JsonNode await(AdminApi as, String query, long atLeast) {
        AtomicReference<JsonNode> page = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    page.set(as.get("/api/v1/audit-log?" + query).json());
                    return page.get().get("total").asLong() >= atLeast;
                });
        return page.get();
    }

    @Test
    void givenAnAdminAction_whenReadingTheAuditLog_thenActorActionTargetTimeAddressAndRequestAreThere()
            throws Exception {
        // given
        Instant before = Instant.now();
        String name = uniqueModel("audrey");
        AdminApi.Reply created = admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD));
        String id = created.json().get("id").asText();
        String requestId = created.raw().headers().firstValue("X-Request-Id").orElseThrow();
        admin.patch("/api/v1/users/" + id, Map.of("status", "disabled"));

        // when
        JsonNode page = await(admin, "targetType=user&targetId=" + id, 2);
        JsonNode registered = await(admin, "action=user.registered&targetId=" + id, 1)
                .get("items")
                .get(0);

        // then
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("action").asText()).isEqualTo("user.status_changed");
        assertThat(page.get("items").get(0).get("details").asText()).isEqualTo("status=disabled");
        assertThat(registered.get("actor").asText()).isEqualTo("user:root");
        assertThat(registered.get("actorUserId").asText()).isEqualTo("root");
        assertThat(registered.get("targetType").asText()).isEqualTo("user");
        assertThat(registered.get("targetId").asText()).isEqualTo(id);
        assertThat(registered.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(registered.get("requestId").asText()).isEqualTo(requestId);
        assertThat(registered.get("organizationId").isNull()).isTrue();
        assertThat(Instant.parse(registered.get("at").asText())).isBetween(before, Instant.now());
        assertThat(registered.get("details").asText()).isEqualTo("username=" + name + " role=USER");
        assertThat(admin.get("/api/v1/audit-log?from=nonsense").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/audit-log?size=0").status()).isEqualTo(400);
    }

    @Test
    void givenChangesWithSecrets_whenAudited_thenNoSecretAppearsInTheLog() throws Exception {
        // given: an upstream key, a user's password and a key's hash all pass through events
        String model = uniqueModel("audit-secret");
        String channelId = admin.createChannel("secret-" + model, UPSTREAM.baseUrl(), model, 0, 1, Map.of());
        String name = uniqueModel("sam");
        String id = admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                .json()
                .get("id")
                .asText();
        AdminApi sam = new AdminApi(port).loginAs(name, PASSWORD);
        JsonNode token =
                sam.post("/api/v1/tokens", Map.of("name", "k", "quota", 100)).json();
        sam.put(
                "/api/v1/users/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "another-horse-battery-2"));

        // when
        JsonNode channel = await(admin, "targetId=" + channelId, 1);
        JsonNode ofSam = await(admin, "actor=user:" + id, 2);

        // then
        String all = channel.toString() + ofSam;
        assertThat(channel.get("items").get(0).get("details").asText()).contains("keys=1");
        assertThat(ofSam.toString()).contains("token.issued");
        assertThat(all)
                .doesNotContain("sk-upstream")
                .doesNotContain(token.get("key").asText())
                .doesNotContain(token.get("key").asText().substring(0, 12))
                .doesNotContain("$argon2")
                .doesNotContain(PASSWORD);
    }

    @Test
    void givenAUser_whenReadingTheAuditLog_thenOnlyTheirOwnActionsInTheSameShape() throws Exception {
        // given
        String name = uniqueModel("ulla");
        String id = admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                .json()
                .get("id")
                .asText();
        AdminApi ulla = new AdminApi(port).loginAs(name, PASSWORD);
        String tokenId = ulla.post("/api/v1/tokens", Map.of("name", "mine", "quota", 10))
                .json()
                .get("id")
                .asText();
        await(admin, "targetId=" + tokenId, 1);

        // when
        AdminApi.Reply own = ulla.get("/api/v1/audit-log");
        JsonNode asRoot = ulla.get("/api/v1/audit-log?actor=user:root").json();
        JsonNode adminView = admin.get("/api/v1/audit-log?size=5").json();

        // then
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("total").asLong()).isEqualTo(1);
        JsonNode entry = own.json().get("items").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("token.issued");
        assertThat(entry.get("actorUserId").asText()).isEqualTo(id);
        List.of("items", "page", "size", "total")
                .forEach(f -> assertThat(own.json().has(f)).isTrue());
        assertThat(asRoot.get("total").asLong()).isZero();
        assertThat(adminView.get("total").asLong()).isGreaterThan(1);
        assertThat(iterableFieldNames(entry))
                .isEqualTo(iterableFieldNames(adminView.get("items").get(0)));
    }

    @Test
    void givenTheAuditLog_whenItsProjectionIsReplayedFromTheStart_thenNothingIsDuplicated() throws Exception {
        // given
        String name = uniqueModel("rex");
        String id = admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                .json()
                .get("id")
                .asText();
        await(admin, "targetId=" + id, 1);
        // the user's personal organisation is created in the background: its row must be in before counting
        await(admin, "targetId=personal-" + id, 1);
        long rowsBefore = jdbc.queryForObject("select count(*) from audit_entry", Long.class);
        long eventsWithActor = rowsBefore;

        // when
        TrackingEventProcessor processor = processing
                .eventProcessor(AuditLogProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> caughtUp(processor));

        // then
        assertThat(caughtUp(processor))
                .as(processor.processingStatus().toString())
                .isTrue();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry", Long.class))
                .isEqualTo(eventsWithActor);
        assertThat(admin.get("/api/v1/audit-log?targetId=" + id)
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    private static boolean caughtUp(TrackingEventProcessor processor) {
        // a replay is over when the processor caught up with the position it was reset at
        return processor.processingStatus().values().stream()
                .anyMatch(s -> s.isCaughtUp()
                        && s.getCurrentPosition().orElse(-1)
                                >= s.getResetPosition().orElse(Long.MAX_VALUE));
    }

    private static List<String> iterableFieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
