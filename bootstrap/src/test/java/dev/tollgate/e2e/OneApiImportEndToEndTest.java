package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.out.persistence.migration.OneApiJdbcSource;
import dev.tollgate.application.migration.port.out.OneApiSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A one-api SQLite database (written by the test with one-api's schema) uploaded to
 * {@code POST /api/v1/imports/one-api}: the dry run plans and changes nothing; the import brings channels, users,
 * balances, keys, codes and prices across with the reasons for what it leaves; an imported key calls the relay and is
 * charged from the imported balance; an imported user signs in with the old password; a second run imports nothing
 * twice. The same database in PostgreSQL reads as the same records.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneApiImportEndToEndTest extends EndToEndTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL =
            "gpt-imp-" + UUID.randomUUID().toString().substring(0, 8);
    private static Path sqlite;

    @Autowired
    DataSource dataSource;

    private static synchronized Path sqliteFile() throws Exception {
        if (sqlite == null) {
            Path file = Files.createTempFile("one-api-", ".db");
            Files.delete(file);
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                OneApiDatabase.create(db, OneApiDatabase.Dialect.SQLITE, MODEL, UPSTREAM.baseUrl());
            }
            sqlite = file;
        }
        return sqlite;
    }

    private HttpResponse<String> upload(byte[] file, boolean dryRun, String bearer) throws Exception {
        String boundary = "----tollgate" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"one-api.db\""
                        + "\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/imports/one-api?dryRun=" + dryRun))
                                .header("Authorization", "Bearer " + bearer)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private String rootToken() {
        return admin.post("/api/v1/auth/login", Map.of("username", "root", "password", ROOT_PASSWORD))
                .json()
                .get("accessToken")
                .asText();
    }

    private static JsonNode kind(JsonNode report, String kind) {
        for (JsonNode k : report.get("kinds")) {
            if (kind.equals(k.get("kind").asText())) {
                return k;
            }
        }
        throw new AssertionError("no kind " + kind + " in " + report);
    }

    private static boolean skippedWith(JsonNode kind, String sourceId, String reasonPart) {
        for (JsonNode l : kind.get("skipped")) {
            if (sourceId.equals(l.get("sourceId").asText())
                    && l.get("reason").asText().contains(reasonPart)) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<String> chat(String key, String model) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/chat/completions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void givenAnAdminWhoIsNotRoot_whenUploading_then403BeforeTheFileIsLookedAt() throws Exception {
        // given
        String name = "imp_admin_" + UUID.randomUUID().toString().substring(0, 6);
        admin.post("/api/v1/users", Map.of("username", name, "password", "admin-password-123", "role", "ADMIN"));
        String adminToken = new AdminApi(port)
                .loginAs(name, "admin-password-123")
                .post("/api/v1/auth/login", Map.of("username", name, "password", "admin-password-123"))
                .json()
                .get("accessToken")
                .asText();

        // when
        HttpResponse<String> r = upload("not a database".getBytes(StandardCharsets.UTF_8), false, adminToken);

        // then
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("root_required");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    }

    @Test
    @Order(2)
    void givenAFileThatIsNotSqlite_whenRootUploadsIt_then400ProblemAndNothingImported() throws Exception {
        // when
        HttpResponse<String> r = upload("hello".getBytes(StandardCharsets.UTF_8), false, rootToken());

        // then
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("detail").asText()).contains("not a SQLite database");
    }

    @Test
    @Order(3)
    void givenOneApiDatabase_whenDryRun_thenThePlanSaysWhatAndWhyAndNothingChanges() throws Exception {
        // given
        byte[] file = Files.readAllBytes(sqliteFile());

        // when
        HttpResponse<String> r = upload(file, true, rootToken());

        // then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        JsonNode channels = kind(report, "channel");
        assertThat(channels.get("created").asInt()).isEqualTo(3);
        assertThat(skippedWith(channels, "2", "Baidu")).isTrue();
        JsonNode users = kind(report, "user");
        assertThat(users.get("created").asInt()).isEqualTo(4); // root (mapped), alice, bob, carol
        assertThat(skippedWith(users, "4", "username")).isTrue();
        assertThat(skippedWith(users, "5", "deleted")).isTrue();
        assertThat(kind(report, "token").get("created").asInt()).isEqualTo(5);
        assertThat(skippedWith(kind(report, "token"), "6", "not imported")).isTrue();
        assertThat(kind(report, "redemption").get("created").asInt()).isEqualTo(1);
        assertThat(skippedWith(kind(report, "redemption"), "2", "used")).isTrue();
        assertThat(kind(report, "setting").get("notes").toString())
                .contains("one-api RegisterEnabled=true is not applied");
        // nothing changed: the users do not exist, the key is unknown to the relay
        assertThat(admin.get("/api/v1/users?size=200").raw().body()).doesNotContain("alice_imp");
        assertThat(chat("sk-" + OneApiDatabase.LIMITED_KEY, MODEL).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void givenOneApiDatabase_whenImported_thenKeysWorkOnTheImportedBalanceAndUsersSignInWithTheOldPassword()
            throws Exception {
        // given
        byte[] file = Files.readAllBytes(sqliteFile());

        // when
        HttpResponse<String> r = upload(file, false, rootToken());

        // then the report
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(kind(report, "channel").get("created").asInt()).isEqualTo(3);
        assertThat(kind(report, "channel").get("failed")).isEmpty();
        assertThat(kind(report, "user").get("failed")).isEmpty();
        assertThat(kind(report, "token").get("created").asInt()).isEqualTo(5);
        assertThat(kind(report, "balance").get("created").asInt()).isEqualTo(2); // root and alice
        assertThat(kind(report, "user").get("notes").toString()).contains("GitHub account 'alice-gh' not linked");
        assertThat(kind(report, "user").get("notes").toString())
                .contains("user #6: feishu account not linked: another one-api user has it");

        // the channel with three keys, its mapping, groups and priority
        JsonNode channel = null;
        for (JsonNode c : admin.get("/api/v1/channels?size=500").json().get("items")) {
            if ("主渠道 OpenAI".equals(c.get("name").asText())
                    && c.get("models").toString().contains(MODEL)) {
                channel = c;
            }
        }
        assertThat(channel).isNotNull();
        assertThat(channel.get("type").asText()).isEqualTo("openai");
        assertThat(channel.get("priority").asInt()).isEqualTo(5);
        assertThat(channel.get("groups").toString()).contains("imp-vip");
        assertThat(channel.get("modelMapping").get(MODEL + "-alias").asText()).isEqualTo(MODEL);
        assertThat(channel.toString()).contains("sk-up-three".substring(0, 3));

        // the imported user signs in with the password they had in one-api (and again, once it is rehashed)
        new AdminApi(port).loginAs("alice_imp", OneApiDatabase.ALICE_PASSWORD);
        AdminApi alice = new AdminApi(port).loginAs("alice_imp", OneApiDatabase.ALICE_PASSWORD);
        JsonNode me = alice.get("/api/v1/users/me").json();
        String aliceId = me.get("id").asText();
        assertThat(admin.get("/api/v1/users/" + aliceId + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(OneApiDatabase.ALICE_QUOTA);
        // the first sign-in replaced the bcrypt hash by Tollgate's own, once (the second found nothing to replace)
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(admin.get("/api/v1/audit-log?action=user.password_changed&targetId=" + aliceId)
                                        .json()
                                        .get("total")
                                        .asInt())
                                .isEqualTo(1));

        // the user whose Feishu id alice holds came without it, and signs in with the password
        new AdminApi(port).loginAs("carol_imp", "carol-old-pass");

        // the disabled user is there, disabled, and cannot sign in
        assertThat(admin.call(
                                "POST",
                                "/api/v1/auth/login",
                                Map.of("username", "bob_imp", "password", "bob-old-pass"),
                                null)
                        .status())
                .isEqualTo(401);

        // an imported key calls the relay and is charged from the imported balance
        UPSTREAM.usage(1000, 1000);
        HttpResponse<String> answer = chat("sk-" + OneApiDatabase.LIMITED_KEY, MODEL);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        long cost = 1000 * 500_000L / 1_000_000 + 1000 * 1_000_000L / 1_000_000; // ratio 0.5, completion ratio 2
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin.get("/api/v1/users/" + aliceId + "/wallet")
                                .json()
                                .get("balance")
                                .asLong())
                        .isEqualTo(OneApiDatabase.ALICE_QUOTA - cost));
        JsonNode limited = null;
        for (JsonNode t : alice.get("/api/v1/tokens?size=100").json().get("items")) {
            if ("我的应用".equals(t.get("name").asText())) {
                limited = t;
            }
        }
        assertThat(limited).isNotNull();
        assertThat(limited.get("quota").asLong()).isEqualTo(400_000);
        // the unlimited key works (paid by the same wallet), the expired one is refused as before, the disabled too
        assertThat(chat("sk-" + OneApiDatabase.UNLIMITED_KEY, MODEL).statusCode())
                .isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin.get("/api/v1/users/" + aliceId + "/wallet")
                                .json()
                                .get("balance")
                                .asLong())
                        .isEqualTo(OneApiDatabase.ALICE_QUOTA - 2 * cost));
        assertThat(chat("sk-" + OneApiDatabase.EXPIRED_KEY, MODEL).statusCode()).isEqualTo(401);
        assertThat(chat("sk-" + OneApiDatabase.SUBNET_KEY, MODEL).statusCode()).isEqualTo(401);

        // the unused code redeems once, the used one does not exist here
        assertThat(alice.post("/api/v1/redemptions", Map.of("code", OneApiDatabase.UNUSED_CODE))
                        .status())
                .isEqualTo(200);
        assertThat(alice.post("/api/v1/redemptions", Map.of("code", OneApiDatabase.UNUSED_CODE))
                        .status())
                .isEqualTo(409);
        assertThat(alice.post("/api/v1/redemptions", Map.of("code", OneApiDatabase.USED_CODE))
                        .status())
                .isNotEqualTo(200);

        // the price came from the ratios, and every change names the import as its actor
        JsonNode price = admin.get("/api/v1/prices/" + MODEL).json();
        assertThat(price.get("input").asLong()).isEqualTo(500_000);
        assertThat(price.get("output").asLong()).isEqualTo(1_000_000);
        assertThat(admin.get("/api/v1/audit-log?actor=import&size=200").raw().body())
                .contains("alice_imp");

        // a second run imports nothing twice
        JsonNode again = JSON.readTree(upload(file, false, rootToken()).body());
        for (JsonNode k : again.get("kinds")) {
            assertThat(k.get("created").asInt()).as(k.get("kind").asText()).isZero();
            assertThat(k.get("failed")).isEmpty();
        }
        assertThat(kind(again, "token").get("alreadyImported").asInt()).isEqualTo(5);
        assertThat(admin.get("/api/v1/users/" + aliceId + "/wallet")
                        .json()
                        .get("balance")
                        .asLong())
                .isEqualTo(OneApiDatabase.ALICE_QUOTA - 2 * cost + 100_000);
    }

    @Test
    @Order(5)
    void givenTheSameOneApiDatabaseInPostgres_whenRead_thenTheSameRecordsAsFromSqlite() throws Exception {
        // given a second database in the embedded PostgreSQL, filled the same way
        String db = "oneapi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String url;
        String user;
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("create database " + db);
            url = c.getMetaData().getURL();
            user = c.getMetaData().getUserName();
        }
        String pgUrl = url.replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
        String password = System.getProperty("spring.datasource.password", "");
        try (Connection c = DriverManager.getConnection(pgUrl, user, password)) {
            OneApiDatabase.create(c, OneApiDatabase.Dialect.POSTGRES, MODEL, UPSTREAM.baseUrl());
        }

        // when
        OneApiSnapshot fromSqlite = new OneApiJdbcSource().read(sqliteFile().toString());
        OneApiSnapshot fromPostgres = new OneApiJdbcSource()
                .read(pgUrl + (pgUrl.contains("?") ? "&" : "?") + "user=" + user
                        + (password.isEmpty() ? "" : "&password=" + password));

        // then
        // (each database got its own bcrypt salts)
        assertThat(fromPostgres)
                .usingRecursiveComparison()
                .ignoringFields("users.passwordHash")
                .isEqualTo(fromSqlite);
        assertThat(fromPostgres.users())
                .allSatisfy(u -> assertThat(u.passwordHash()).startsWith("$2a$10$"));
        assertThat(fromSqlite.channels().getFirst().keys()).containsExactly("sk-up-one", "sk-up-two", "sk-up-three");
        assertThat(fromSqlite.tokens().get(1).unlimitedQuota()).isTrue();
        assertThat(fromSqlite.users().get(1).displayName()).isEqualTo("爱丽丝");
    }
}
