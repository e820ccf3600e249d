package dev.tollgate.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A one-api database as one-api's GORM models create it (tables {@code channels}, {@code users}, {@code tokens},
 * {@code redemptions}, {@code options}, {@code abilities}; column names and types as in one-api's {@code model/}),
 * filled with representative and awkward rows: a channel with three keys and a model mapping, channels of a type with
 * no counterpart, auto-disabled and Azure ones, a disabled user, a deleted one, one with a Chinese username, an
 * expired, an unlimited and a subnet-bound key, used and unused codes, the ratio options, and a user whose Feishu id
 * another user holds already.
 */
final class OneApiDatabase {
    static final String ALICE_PASSWORD = "alice-old-pass";
    static final String LIMITED_KEY = "AbCdEfGhIjKlMnOp9081726354abcdefABCDEF9081726354";
    static final String UNLIMITED_KEY = "UnLimitedKey0000aaaaBBBBccccDDDDeeeeFFFF11112222";
    static final String EXPIRED_KEY = "ExpiredKey000000aaaaBBBBccccDDDDeeeeFFFF11112222";
    static final String BOB_KEY = "BobsKey000000000aaaaBBBBccccDDDDeeeeFFFF11112222";
    static final String SUBNET_KEY = "SubnetKey0000000aaaaBBBBccccDDDDeeeeFFFF11112222";
    static final String UNUSED_CODE = "9f8e7d6c5b4a39f8e7d6c5b4a3081726";
    static final String USED_CODE = "fedcba9876543210fedcba9876543210";
    static final long ALICE_QUOTA = 5_000_000;
    /** When the rows were made (2026-09-21): the expired key expired an hour later. */
    static final long CREATED = Instant.parse("2026-09-21T10:00:00Z").getEpochSecond();

    /** How the database quotes the identifiers {@code key} and {@code group}. */
    enum Dialect {
        SQLITE("\"", "integer primary key autoincrement", "numeric"),
        POSTGRES("\"", "bigserial primary key", "boolean"),
        MARIADB("`", "bigint auto_increment primary key", "boolean");

        final String q;
        final String id;
        final String bool;

        Dialect(String q, String id, String bool) {
            this.q = q;
            this.id = id;
            this.bool = bool;
        }
    }

    private OneApiDatabase() {}

    static void create(Connection db, Dialect d, String model, String upstreamBaseUrl) throws SQLException {
        String q = d.q;
        String text = d == Dialect.MARIADB ? "longtext" : "text";
        String keyCol = q + "key" + q;
        String groupCol = q + "group" + q;
        try (Statement st = db.createStatement()) {
            st.execute("create table channels (id " + d.id + ", type bigint default 0, " + keyCol + " " + text
                    + ", status bigint default 1, name varchar(191), weight bigint default 0, created_time bigint,"
                    + " test_time bigint, response_time bigint, base_url varchar(191) default '', other " + text
                    + ", balance double precision, balance_updated_time bigint, models " + text + ", " + groupCol
                    + " varchar(32) default 'default', used_quota bigint default 0, model_mapping varchar(1024)"
                    + " default '', priority bigint default 0, config " + text + ", system_prompt " + text + ")");
            st.execute("create table users (id " + d.id + ", username varchar(191) unique, password " + text
                    + " not null, display_name varchar(191), role bigint default 1, status bigint default 1, email"
                    + " varchar(191), github_id varchar(191), wechat_id varchar(191), lark_id varchar(191), oidc_id"
                    + " varchar(191), access_token char(32), quota bigint default 0, used_quota bigint default 0,"
                    + " request_count bigint default 0, " + groupCol + " varchar(32) default 'default', aff_code"
                    + " varchar(32), inviter_id bigint)");
            st.execute("create table tokens (id " + d.id + ", user_id bigint, " + keyCol + " char(48) unique, status"
                    + " bigint default 1, name varchar(191), created_time bigint, accessed_time bigint, expired_time"
                    + " bigint default -1, remain_quota bigint default 0, unlimited_quota " + d.bool + " default "
                    + (d == Dialect.SQLITE ? "0" : "false") + ", used_quota bigint default 0, models " + text
                    + ", subnet varchar(191) default '')");
            st.execute("create table redemptions (id " + d.id + ", user_id bigint, " + keyCol + " char(32) unique,"
                    + " status bigint default 1, name varchar(191), quota bigint default 100, created_time bigint,"
                    + " redeemed_time bigint)");
            st.execute("create table options (" + keyCol + " varchar(191) primary key, value " + text + ")");
            st.execute("create table abilities (" + groupCol + " varchar(32), model varchar(191), channel_id bigint,"
                    + " enabled " + d.bool + ", priority bigint default 0, primary key (" + groupCol
                    + ", model, channel_id))");
        }
        long now = CREATED; // fixed, so that every database holds the same rows
        insert(
                db,
                "insert into channels (type, " + keyCol + ", status, name, weight, base_url, other, models, " + groupCol
                        + ", model_mapping, priority, config) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                1,
                "sk-up-one\nsk-up-two\n\n sk-up-three \n",
                1,
                "主渠道 OpenAI",
                0,
                upstreamBaseUrl,
                "",
                model + "," + model + "-alias",
                "default,imp-vip",
                "{\"" + model + "-alias\":\"" + model + "\"}",
                5,
                "{}");
        insert(
                db,
                "insert into channels (type, " + keyCol + ", status, name, models) values (?, ?, ?, ?, ?)",
                15,
                "apikey|secretkey",
                1,
                "文心一言",
                "ERNIE-4.0-8K");
        insert(
                db,
                "insert into channels (type, " + keyCol + ", status, name, models, base_url, priority)"
                        + " values (?, ?, ?, ?, ?, ?, ?)",
                36,
                "sk-deepseek",
                3,
                "DeepSeek 官方",
                "deepseek-chat",
                "",
                0);
        insert(
                db,
                "insert into channels (type, " + keyCol + ", status, name, models, base_url, other, config)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                3,
                "azure-key",
                2,
                "azure",
                "gpt-4o",
                "https://example-resource.openai.azure.com",
                "2024-02-01",
                "");
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(10);
        String userSql = "insert into users (username, password, display_name, role, status, email, github_id,"
                + " wechat_id, lark_id, oidc_id, quota, used_quota, " + groupCol
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        insert(
                db,
                userSql,
                "root",
                bcrypt.encode("one-api-root-" + UUID.randomUUID()),
                "Root User",
                100,
                1,
                "",
                "",
                "",
                "",
                "",
                1000,
                0,
                "default");
        insert(
                db,
                userSql,
                "alice_imp",
                bcrypt.encode(ALICE_PASSWORD),
                "爱丽丝",
                1,
                1,
                "alice@example.com",
                "alice-gh",
                "",
                "ou_alice_import",
                "",
                ALICE_QUOTA,
                12345,
                "imp-vip");
        insert(
                db,
                userSql,
                "bob_imp",
                bcrypt.encode("bob-old-pass"),
                "Bob",
                10,
                2,
                "",
                "",
                "wx-bob",
                "",
                "",
                0,
                0,
                "default");
        insert(db, userSql, "张三", bcrypt.encode("zhang-pass"), "张三", 1, 1, "", "", "", "", "", 100, 0, "default");
        insert(
                db,
                userSql,
                "deleted_5f3a",
                bcrypt.encode("gone-pass"),
                "",
                1,
                3,
                "",
                "",
                "",
                "",
                "",
                100,
                0,
                "default");
        insert(
                db,
                userSql,
                "carol_imp",
                bcrypt.encode("carol-old-pass"),
                "Carol",
                1,
                1,
                "carol@example.com",
                "",
                "",
                "ou_alice_import",
                "",
                0,
                0,
                "default");
        String tokenSql = "insert into tokens (user_id, " + keyCol + ", status, name, created_time, expired_time,"
                + " remain_quota, unlimited_quota, used_quota, models, subnet) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        insert(db, tokenSql, 2, LIMITED_KEY, 1, "我的应用", now, -1, 400_000, false, 100, "", "");
        insert(db, tokenSql, 2, UNLIMITED_KEY, 1, "unlimited", now, -1, 0, true, 0, model, "");
        insert(db, tokenSql, 2, EXPIRED_KEY, 3, "expired", now - 86_400, now + 3_600, 500, false, 0, "", "");
        insert(db, tokenSql, 3, BOB_KEY, 1, "bob", now, -1, 1_000, false, 0, "", "");
        insert(db, tokenSql, 2, SUBNET_KEY, 2, "office", now, -1, 1_000, false, 0, "", "10.0.0.0/8,192.168.1.0/24");
        insert(
                db,
                tokenSql,
                5,
                "DeletedUsersKey0aaaaBBBBccccDDDDeeeeFFFF11112222",
                1,
                "gone",
                now,
                -1,
                1,
                false,
                0,
                "",
                "");
        String codeSql = "insert into redemptions (user_id, " + keyCol + ", status, name, quota, created_time,"
                + " redeemed_time) values (?, ?, ?, ?, ?, ?, ?)";
        insert(db, codeSql, 1, UNUSED_CODE, 1, "新年红包", 100_000, now, 0);
        insert(db, codeSql, 1, USED_CODE, 3, "新年红包", 100_000, now, now);
        String optionSql = "insert into options (" + keyCol + ", value) values (?, ?)";
        insert(db, optionSql, "ModelRatio", "{\"" + model + "\":0.5}");
        insert(db, optionSql, "CompletionRatio", "{\"" + model + "\":2}");
        insert(db, optionSql, "GroupRatio", "{\"imp-vip\":1}");
        insert(db, optionSql, "RegisterEnabled", "true");
    }

    private static void insert(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }
}
