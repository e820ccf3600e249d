package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.TollgateApplication;
import dev.tollgate.adapter.out.persistence.embedded.EmbeddedPostgresServer;
import dev.tollgate.application.common.Fingerprints;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Configuration as code on two Tollgate nodes sharing one PostgreSQL and reading the same {@code tollgate.yaml}: what
 * the file declares at start exists, serves and is managed (the API refuses to change it, naming the file); a change
 * of the file while they run is applied once (one event per change, not one per node); a broken file changes nothing
 * and its line is reported on the status endpoint and in the health details; an entry removed from the file is
 * disabled and released; the export, used as the file, changes nothing. The scenario builds on itself, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigFileAcrossNodesEndToEndTest {
    private static final String PASSWORD = "config-" + UUID.randomUUID();
    private static final String SECRET_KEY =
            java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));
    private static final String MAIN_KEY = "sk-main-" + UUID.randomUUID();
    private static final String SPARE_KEY = "sk-spare-" + UUID.randomUUID();
    private static final String FREE_KEY = "sk-free-" + UUID.randomUUID();
    private static final String CLICKED_KEY = "sk-clicked-" + UUID.randomUUID();
    private static EmbeddedPostgresServer database;
    private static FakeOpenAiUpstream upstream;
    private static Path file;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static AdminApi adminA;
    private static AdminApi adminB;
    private static String mainId;
    private static String spareId;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodesOnOneFile() throws Exception {
        database = EmbeddedPostgresServer.start(TestDatabase.newDataDir());
        upstream = new FakeOpenAiUpstream();
        file = Files.createTempDirectory("tollgate-config").resolve("tollgate.yaml");
        write(fileV1());
        nodeA = start(TestDatabase.newDataDir());
        nodeB = start(TestDatabase.newDataDir());
        adminA = new AdminApi(port(nodeA)).loginAs("root", PASSWORD);
        adminB = new AdminApi(port(nodeB)).loginAs("root", PASSWORD);
    }

    @AfterAll
    static void stopTwoNodes() {
        for (AutoCloseable c : new AutoCloseable[] {nodeB, nodeA, upstream, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + dataDir,
                        "--tollgate.root-password=" + PASSWORD,
                        "--tollgate.db.url=" + database.jdbcUrl(),
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                        "--tollgate.secret-key=" + SECRET_KEY,
                        "--tollgate.config-file.path=" + file,
                        "--tollgate.config-file.poll-interval=PT0.2S",
                        "--management.endpoint.health.show-details=always",
                        // the variables the file references (in production: environment variables)
                        "--CHANNEL_CF_MAIN_KEY=" + MAIN_KEY,
                        "--CHANNEL_CF_SPARE_KEY=" + SPARE_KEY,
                        "--CHANNEL_CF_FREE_KEY=" + FREE_KEY,
                        "--CHANNEL_CF_CLICKED_KEY=" + CLICKED_KEY);
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    private static String fileV1() {
        return """
                version: 1
                channels:
                  cf-main:
                    type: openai
                    baseUrl: %1$s
                    keys: ["${CHANNEL_CF_MAIN_KEY}"]
                    models: [cf-model]
                    weight: 1
                  cf-spare:
                    type: openai
                    baseUrl: %1$s
                    keys: ["${CHANNEL_CF_SPARE_KEY}"]
                    models: [cf-spare-model]
                prices:
                  cf-model: {input: 1000, output: 2000}
                  cf-spare-model: {input: 1000, output: 2000}
                groupMultipliers:
                  cf-vip: 1.5
                organizations:
                  CF Team:
                    groups: [cf-vip]
                settings:
                  registration: closed
                """.formatted(upstream.baseUrl());
    }

    /** Version 2: cf-main's weight and cf-model's output price change; nothing else. */
    private static String fileV2() {
        return fileV1().replace("    weight: 1\n", "    weight: 2\n")
                .replace("cf-model: {input: 1000, output: 2000}", "cf-model: {input: 1000, output: 3000}");
    }

    /** Writes the file as editors and deployment tools do: a new file moved into place. */
    private static void write(String text) throws IOException {
        Path next = file.resolveSibling("tollgate.yaml.next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void eventually(String what, BooleanSupplier condition) {
        org.awaitility.Awaitility.await(what)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }

    /** Waits until both nodes have read this text and are in {@code state}. */
    private static void awaitBothNodes(String text, String state) {
        String digest = Fingerprints.hex(text.getBytes(StandardCharsets.UTF_8));
        for (AdminApi admin : List.of(adminA, adminB)) {
            org.awaitility.Awaitility.await("node " + admin.base() + " reads the file")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        AdminApi.Reply r = admin.get("/api/v1/config/status");
                        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
                        assertThat(r.json().path("digest").asText())
                                .as(r.raw().body())
                                .isEqualTo(digest);
                        assertThat(r.json().path("state").asText())
                                .as(r.raw().body())
                                .isEqualTo(state);
                    });
        }
    }

    private static JdbcTemplate jdbc() {
        return nodeA.getBean(JdbcTemplate.class);
    }

    private static long events(String aggregateId, String eventType) {
        return jdbc().queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier = ? "
                                + "and payload_type like ?",
                        Long.class,
                        aggregateId,
                        "%." + eventType);
    }

    private static long allEvents() {
        return jdbc().queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private static JsonNode channelNamed(AdminApi admin, String name) {
        for (JsonNode c : admin.get("/api/v1/channels?size=100").json().path("items")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no channel " + name);
    }

    private static JsonNode organizationNamed(String name) {
        AdminApi.Reply list =
                adminA.get("/api/v1/organizations?size=500&q=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        for (JsonNode o : list.json().path("items")) {
            if (name.equals(o.path("name").asText())) {
                return o;
            }
        }
        throw new AssertionError("no organisation " + name + " in " + list.raw().body());
    }

    @Test
    @Order(1)
    void givenAFileAtStart_whenBothNodesStarted_thenWhatItDeclaresExistsServesAndIsManagedOnce() throws Exception {
        // given: the file was there before both nodes started
        awaitBothNodes(fileV1(), "applied");

        // when
        JsonNode main = channelNamed(adminA, "cf-main");
        mainId = main.path("id").asText();
        spareId = channelNamed(adminA, "cf-spare").path("id").asText();

        // then: created once, by the file, on behalf of nobody else
        assertThat(main.path("managedBy").asText()).isEqualTo("config-file");
        assertThat(main.path("keys").toString()).doesNotContain(MAIN_KEY);
        assertThat(events(mainId, "ChannelCreatedEvent")).isEqualTo(1);
        assertThat(jdbc().queryForObject(
                                "select count(*) from domain_event_entry where aggregate_identifier = ? "
                                        + "and convert_from(payload, 'UTF8') like '%\"actor\":\"config file\"%'",
                                Long.class, mainId))
                .isEqualTo(1);
        assertThat(adminA.get("/api/v1/prices/cf-model")
                        .json()
                        .path("managedBy")
                        .asText())
                .isEqualTo("config-file");
        // the list of prices (the JPA read side: its processor may run on the other node)
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> adminA.get("/api/v1/prices?q=cf-model")
                        .json()
                        .path("items")
                        .path(0)
                        .path("managedBy")
                        .asText()
                        .equals("config-file"));
        assertThat(adminA.get("/api/v1/group-multipliers").json().path("cf-vip").decimalValue())
                .isEqualByComparingTo("1.5");
        JsonNode team = organizationNamed("CF Team");
        assertThat(team.path("managedBy").asText()).isEqualTo("config-file");
        assertThat(adminA.get("/api/v1/organizations/" + team.path("id").asText() + "/policy")
                        .json()
                        .path("groups")
                        .toString())
                .isEqualTo("[\"cf-vip\"]");
        eventually(
                "node B knows cf-main",
                () -> adminB.get("/api/v1/channels/" + mainId).status() == 200);
        assertThat(adminB.get("/api/v1/channels/" + mainId)
                        .json()
                        .path("managedBy")
                        .asText())
                .isEqualTo("config-file");
        // and the key from the variable reaches the upstream
        String key = adminA.createToken(Map.of("name", "cf-app", "quota", 500_000))
                .path("key")
                .asText();
        upstream.reset();
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(adminA.base() + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"cf-model\",\"messages\":[{\"role\":\"user\","
                                        + "\"content\":\"hi\"}],\"max_tokens\":5}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(upstream.received())
                .extracting(FakeOpenAiUpstream.Received::authorization)
                .containsExactly("Bearer " + MAIN_KEY);
    }

    @Test
    @Order(2)
    void givenManagedResources_whenAnAdminChangesThem_thenConflictNamingTheFileAndNothingChanges() {
        // given
        long before = allEvents();
        String team = organizationNamed("CF Team").path("id").asText();

        // when
        List<AdminApi.Reply> refused = new ArrayList<>();
        refused.add(adminA.patch("/api/v1/channels/" + mainId, Map.of("weight", 7)));
        refused.add(adminA.delete("/api/v1/channels/" + mainId));
        refused.add(adminA.put("/api/v1/prices/cf-model", Map.of("input", 1, "output", 1)));
        refused.add(adminA.put("/api/v1/group-multipliers/cf-vip", Map.of("multiplier", 2)));
        refused.add(adminA.patch("/api/v1/organizations/" + team, Map.of("name", "Renamed")));
        refused.add(adminA.put("/api/v1/organizations/" + team + "/policy", Map.of("groups", List.of())));
        refused.add(adminA.put("/api/v1/settings/registration", Map.of("mode", "open")));

        // then
        for (AdminApi.Reply r : refused) {
            assertThat(r.status()).as(r.raw().uri() + " " + r.raw().body()).isEqualTo(409);
            assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(r.json().path("code").asText()).isEqualTo("managed_by_config_file");
            assertThat(r.json().path("detail").asText()).contains(file.toString());
            assertThat(r.json().path("file").asText()).isEqualTo(file.toString());
        }
        assertThat(allEvents()).isEqualTo(before);
        // and a channel the file does not declare is changed as usual
        String free = adminA.createChannel("cf-free", upstream.baseUrl(), "cf-free-model", 0, 1, Map.of());
        AdminApi.Reply changed =
                adminA.patch("/api/v1/channels/" + free, Map.of("weight", 3, "keys", List.of(FREE_KEY)));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.json().path("managedBy").isNull()).isTrue();
    }

    @Test
    @Order(3)
    void givenTwoNodesOnTheFile_whenItChanges_thenOnlyTheDifferenceIsAppliedOnce() throws Exception {
        // given
        long mainUpdates = events(mainId, "ChannelUpdatedEvent");
        long spareEvents = jdbc().queryForObject(
                        "select count(*) from domain_event_entry " + "where aggregate_identifier = ?",
                        Long.class,
                        spareId);
        long priceEvents = jdbc().queryForObject(
                        "select count(*) from domain_event_entry where payload_type like "
                                + "'%.ModelPriceSetEvent' and convert_from(payload, 'UTF8') like '%\"cf-model\"%'",
                        Long.class);

        // when
        write(fileV2());
        awaitBothNodes(fileV2(), "applied");

        // then: one update of cf-main and one price, whichever node applied them; nothing else
        assertThat(events(mainId, "ChannelUpdatedEvent")).isEqualTo(mainUpdates + 1);
        assertThat(jdbc().queryForObject(
                                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                                Long.class,
                                spareId))
                .isEqualTo(spareEvents);
        assertThat(jdbc().queryForObject(
                                "select count(*) from domain_event_entry where payload_type like "
                                        + "'%.ModelPriceSetEvent' and convert_from(payload, 'UTF8') like '%\"cf-model\"%'",
                                Long.class))
                .isEqualTo(priceEvents + 1);
        List<String> changes = new ArrayList<>();
        for (AdminApi admin : List.of(adminA, adminB)) {
            admin.get("/api/v1/config/status").json().path("changes").forEach(c -> changes.add(c.asText()));
        }
        assertThat(changes)
                .filteredOn(c -> c.startsWith("channel cf-main: weight changed in the file"))
                .hasSize(1);
        assertThat(changes)
                .filteredOn(c -> c.startsWith("price cf-model: changed in the file"))
                .hasSize(1);
        eventually(
                "node B sees the new weight",
                () -> adminB.get("/api/v1/channels/" + mainId)
                                .json()
                                .path("weight")
                                .asInt()
                        == 2);
        assertThat(adminB.get("/api/v1/prices/cf-model").json().path("output").asLong())
                .isEqualTo(3000);
    }

    @Test
    @Order(4)
    void givenABrokenFile_whenTheNodesReadIt_thenNothingChangesAndTheLineIsReported() throws Exception {
        // given: a weight change and, further down, a key from a variable nobody set
        String broken = fileV2().replace("    weight: 2\n", "    weight: 5\n")
                .replace("${CHANNEL_CF_SPARE_KEY}", "${CF_VARIABLE_NOBODY_SET}");
        int line = lineOf(broken, "CF_VARIABLE_NOBODY_SET");
        long before = allEvents();

        // when
        write(broken);
        awaitBothNodes(broken, "invalid");

        // then
        for (AdminApi admin : List.of(adminA, adminB)) {
            JsonNode status = admin.get("/api/v1/config/status").json();
            assertThat(status.path("file").asText()).isEqualTo(file.toString());
            assertThat(status.path("problems").get(0).path("line").asInt()).isEqualTo(line);
            assertThat(status.path("problems").get(0).path("reason").asText())
                    .contains("CF_VARIABLE_NOBODY_SET is not set");
        }
        JsonNode health = adminA.get("/actuator/health").json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components")
                        .path("configFile")
                        .path("details")
                        .path("problems")
                        .get(0)
                        .asText())
                .startsWith("line " + line + ": ");
        assertThat(allEvents()).isEqualTo(before);
        assertThat(adminA.get("/api/v1/channels/" + mainId)
                        .json()
                        .path("weight")
                        .asInt())
                .isEqualTo(2);

        // and a YAML syntax error is reported with its line too
        String unparsable = fileV2() + "prices: [unclosed\n";
        write(unparsable);
        awaitBothNodes(unparsable, "invalid");
        JsonNode problem =
                adminA.get("/api/v1/config/status").json().path("problems").get(0);
        assertThat(problem.path("line").asInt()).isGreaterThanOrEqualTo(lineOf(unparsable, "[unclosed"));
        assertThat(problem.path("reason").asText()).startsWith("YAML syntax");
        assertThat(allEvents()).isEqualTo(before);
    }

    private static int lineOf(String text, String needle) {
        return text.substring(0, text.indexOf(needle)).split("\n", -1).length;
    }

    @Test
    @Order(5)
    void givenAnEntryRemovedFromTheFile_whenItIsApplied_thenTheChannelIsDisabledKeptAndReleased() throws Exception {
        // given
        String withoutSpare = fileV2().replaceAll("(?s)  cf-spare:\n.*?(?=prices:)", "");
        assertThat(withoutSpare).doesNotContain("cf-spare:").contains("cf-main:");

        // when
        write(withoutSpare);
        awaitBothNodes(withoutSpare, "applied");

        // then: disabled, never deleted, and the API may change it again
        eventually(
                "cf-spare is disabled",
                () -> "disabled"
                        .equals(adminA.get("/api/v1/channels/" + spareId)
                                .json()
                                .path("status")
                                .asText()));
        assertThat(events(spareId, "ChannelDeletedEvent")).isZero();
        assertThat(events(spareId, "ChannelStatusChangedEvent")).isEqualTo(1);
        AdminApi.Reply spare = adminA.get("/api/v1/channels/" + spareId);
        assertThat(spare.json().path("managedBy").isNull()).isTrue();
        assertThat(adminA.patch("/api/v1/channels/" + spareId, Map.of("weight", 4))
                        .status())
                .isEqualTo(200);
        assertThat(adminA.get("/api/v1/channels/" + mainId)
                        .json()
                        .path("managedBy")
                        .asText())
                .isEqualTo("config-file");
    }

    @Test
    @Order(6)
    void givenWhatWasClickedTogether_whenTheExportBecomesTheFile_thenNothingChangesAndAllIsManaged() throws Exception {
        // given: a channel and a price made through the API, not declared
        String clicked = adminA.createChannel("cf-clicked", upstream.baseUrl(), "cf-clicked-model", 0, 1, Map.of());
        assertThat(adminA.patch("/api/v1/channels/" + clicked, Map.of("keys", List.of(CLICKED_KEY)))
                        .status())
                .isEqualTo(200);
        adminA.setPrice("cf-clicked-model", 700, 900);
        assertThat(adminA.post(
                                "/api/v1/users",
                                Map.of("username", "cf-operator", "password", PASSWORD, "role", "ADMIN"))
                        .status())
                .isEqualTo(201);
        AdminApi operator = new AdminApi(port(nodeA)).loginAs("cf-operator", PASSWORD);

        // when
        AdminApi.Reply export = adminA.get("/api/v1/config/export");
        String text = export.raw().body();

        // then: only root exports, and secrets are references
        AdminApi.Reply refused = operator.get("/api/v1/config/export");
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(403);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        assertThat(text)
                .contains("${CHANNEL_CF_CLICKED_KEY}", "${CHANNEL_CF_MAIN_KEY}", "cf-clicked-model", "CF Team")
                .doesNotContain(MAIN_KEY, SPARE_KEY, FREE_KEY, CLICKED_KEY);
        assertThat(export.raw().headers().firstValue("X-Tollgate-Variables").orElse(""))
                .contains("CHANNEL_CF_CLICKED_KEY");

        // when: the export becomes the file
        long before = allEvents();
        write(text);
        awaitBothNodes(text, "applied");

        // then: no command was needed, everything is now managed, and the next export is the same text
        assertThat(allEvents()).isEqualTo(before);
        assertThat(adminA.get("/api/v1/channels/" + clicked)
                        .json()
                        .path("managedBy")
                        .asText())
                .isEqualTo("config-file");
        assertThat(adminA.get("/api/v1/prices/cf-clicked-model")
                        .json()
                        .path("managedBy")
                        .asText())
                .isEqualTo("config-file");
        assertThat(adminA.get("/api/v1/config/export").raw().body()).isEqualTo(text);
    }

    @Test
    @Order(7)
    void givenTheFileInForce_whenAChannelTypeChangesOrADisabledChannelIsEnabled_thenTheFirstIsRefusedTheSecondApplied()
            throws Exception {
        // given: the file in force is the export of the previous step, where cf-spare is declared disabled
        String current = Files.readString(file);
        assertThat(current).containsOnlyOnce("status: disabled");
        long spareStatusChanges = events(spareId, "ChannelStatusChangedEvent");

        // when: cf-main's type changes
        String typeChanged = current.replaceFirst("(  cf-main:\n    type: )openai", "$1anthropic");
        assertThat(typeChanged).isNotEqualTo(current);
        write(typeChanged);
        awaitBothNodes(typeChanged, "invalid");

        // then: refused at cf-main's line, nothing changed
        JsonNode problem =
                adminA.get("/api/v1/config/status").json().path("problems").get(0);
        assertThat(problem.path("line").asInt()).isEqualTo(lineOf(typeChanged, "  cf-main:"));
        assertThat(problem.path("reason").asText()).contains("type cannot change");
        assertThat(adminA.get("/api/v1/channels/" + mainId).json().path("type").asText())
                .isEqualTo("openai");

        // when: cf-spare is declared enabled again
        String enabled = current.replace("status: disabled", "status: enabled");
        write(enabled);
        awaitBothNodes(enabled, "applied");

        // then: the same channel is enabled, once
        eventually(
                "cf-spare is enabled",
                () -> "enabled"
                        .equals(adminB.get("/api/v1/channels/" + spareId)
                                .json()
                                .path("status")
                                .asText()));
        assertThat(events(spareId, "ChannelStatusChangedEvent")).isEqualTo(spareStatusChanges + 1);
        long spares = 0;
        for (JsonNode c : adminA.get("/api/v1/channels?size=100").json().path("items")) {
            spares += "cf-spare".equals(c.path("name").asText()) ? 1 : 0;
        }
        assertThat(spares).isEqualTo(1);
    }
}
