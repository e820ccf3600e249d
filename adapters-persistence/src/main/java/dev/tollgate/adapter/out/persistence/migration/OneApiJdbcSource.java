package dev.tollgate.adapter.out.persistence.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.migration.port.out.OneApiSnapshot;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiChannel;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiRedemption;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiToken;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiUser;
import dev.tollgate.application.migration.port.out.OneApiSourcePort;
import dev.tollgate.domain.common.InvalidValueException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a one-api database over JDBC: SQLite (a file, opened read-only), PostgreSQL and MySQL/MariaDB (the three
 * databases one-api runs on). Rows are read with {@code select *} and columns by name, so that the same code reads
 * every database (and older one-api schemas lacking newer columns); JSON columns and options are parsed here.
 */
public class OneApiJdbcSource implements OneApiSourcePort {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RATIO_OPTIONS = List.of("ModelRatio", "CompletionRatio", "GroupRatio");
    /** One-api's sign-up and sign-in switches (reported by the import, so the operator sets them here). */
    private static final List<String> SETTINGS = List.of(
            "RegisterEnabled",
            "PasswordRegisterEnabled",
            "PasswordLoginEnabled",
            "EmailVerificationEnabled",
            "GitHubOAuthEnabled",
            "OidcEnabled",
            "WeChatAuthEnabled",
            "QuotaForNewUser",
            "QuotaForInviter",
            "QuotaForInvitee");

    @Override
    public OneApiSnapshot read(String location) {
        String url = jdbcUrl(location);
        Properties props = new Properties();
        if (url.startsWith("jdbc:sqlite:")) {
            props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: the import never writes to one-api
        }
        try (Connection db = DriverManager.getConnection(url, props)) {
            if (!url.startsWith("jdbc:sqlite:")) {
                db.setReadOnly(true);
            }
            Map<String, String> options = options(db);
            Map<String, String> problems = new LinkedHashMap<>();
            Map<String, Map<String, BigDecimal>> ratios = new HashMap<>();
            for (String name : RATIO_OPTIONS) {
                ratios.put(name, ratios(name, options.get(name), problems));
            }
            Map<String, String> settings = new LinkedHashMap<>();
            SETTINGS.stream().filter(options::containsKey).forEach(k -> settings.put(k, options.get(k)));
            return new OneApiSnapshot(
                    channels(db),
                    users(db),
                    tokens(db),
                    redemptions(db),
                    ratios.get("ModelRatio"),
                    ratios.get("CompletionRatio"),
                    ratios.get("GroupRatio"),
                    problems,
                    settings);
        } catch (SQLException e) {
            throw new InvalidValueException("source", "cannot read a one-api database there: " + e.getMessage());
        }
    }

    /** A JDBC URL of one of the three databases, or the path of a SQLite file. */
    static String jdbcUrl(String location) {
        if (location == null || location.isBlank()) {
            throw new InvalidValueException("source", "give a JDBC URL or the path of one-api's SQLite file");
        }
        String l = location.trim();
        if (l.startsWith("jdbc:mysql:")) {
            return "jdbc:mariadb:" + l.substring("jdbc:mysql:".length());
        }
        if (l.startsWith("jdbc:sqlite:") || l.startsWith("jdbc:postgresql:") || l.startsWith("jdbc:mariadb:")) {
            return l;
        }
        if (l.startsWith("jdbc:")) {
            throw new InvalidValueException(
                    "source",
                    "one-api runs on SQLite, PostgreSQL or MySQL/MariaDB: give a "
                            + "jdbc:sqlite:, jdbc:postgresql:, jdbc:mysql: or jdbc:mariadb: URL");
        }
        Path file = Path.of(l);
        if (!Files.isRegularFile(file)) {
            throw new InvalidValueException("source", "no such file: " + l);
        }
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static List<OneApiChannel> channels(Connection db) throws SQLException {
        List<OneApiChannel> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select * from channels order by id")) {
            Set<String> cols = columns(rs);
            while (rs.next()) {
                long id = rs.getLong("id");
                String problem = null;
                Map<String, String> mapping = Map.of();
                Map<String, String> config = Map.of();
                try {
                    mapping = stringMap(text(rs, cols, "model_mapping"));
                } catch (IllegalArgumentException e) {
                    problem = "model_mapping is not a JSON object of model names: " + e.getMessage();
                }
                try {
                    config = stringMap(text(rs, cols, "config"));
                } catch (IllegalArgumentException e) {
                    problem = "config is not a JSON object: " + e.getMessage();
                }
                out.add(new OneApiChannel(
                        id,
                        (int) number(rs, cols, "type"),
                        text(rs, cols, "name"),
                        split(text(rs, cols, "key"), "\n"),
                        (int) number(rs, cols, "status"),
                        text(rs, cols, "base_url"),
                        split(text(rs, cols, "models"), ","),
                        split(text(rs, cols, "group"), ","),
                        mapping,
                        number(rs, cols, "priority"),
                        number(rs, cols, "weight"),
                        config,
                        text(rs, cols, "other"),
                        problem));
            }
        }
        return out;
    }

    private static List<OneApiUser> users(Connection db) throws SQLException {
        List<OneApiUser> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select * from users order by id")) {
            Set<String> cols = columns(rs);
            while (rs.next()) {
                out.add(new OneApiUser(
                        rs.getLong("id"),
                        text(rs, cols, "username"),
                        text(rs, cols, "password"),
                        text(rs, cols, "display_name"),
                        (int) number(rs, cols, "role"),
                        (int) number(rs, cols, "status"),
                        text(rs, cols, "email"),
                        text(rs, cols, "github_id"),
                        text(rs, cols, "wechat_id"),
                        text(rs, cols, "lark_id"),
                        text(rs, cols, "oidc_id"),
                        number(rs, cols, "quota"),
                        number(rs, cols, "used_quota"),
                        text(rs, cols, "group")));
            }
        }
        return out;
    }

    private static List<OneApiToken> tokens(Connection db) throws SQLException {
        List<OneApiToken> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select * from tokens order by id")) {
            Set<String> cols = columns(rs);
            while (rs.next()) {
                out.add(new OneApiToken(
                        rs.getLong("id"),
                        number(rs, cols, "user_id"),
                        text(rs, cols, "key"),
                        (int) number(rs, cols, "status"),
                        text(rs, cols, "name"),
                        number(rs, cols, "created_time"),
                        cols.contains("expired_time") ? rs.getLong("expired_time") : -1,
                        number(rs, cols, "remain_quota"),
                        cols.contains("unlimited_quota") && rs.getBoolean("unlimited_quota"),
                        number(rs, cols, "used_quota"),
                        split(text(rs, cols, "models"), ","),
                        split(text(rs, cols, "subnet"), ",")));
            }
        }
        return out;
    }

    private static List<OneApiRedemption> redemptions(Connection db) throws SQLException {
        List<OneApiRedemption> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select * from redemptions order by id")) {
            Set<String> cols = columns(rs);
            while (rs.next()) {
                out.add(new OneApiRedemption(
                        rs.getLong("id"),
                        text(rs, cols, "key"),
                        (int) number(rs, cols, "status"),
                        text(rs, cols, "name"),
                        number(rs, cols, "quota"),
                        number(rs, cols, "created_time")));
            }
        }
        return out;
    }

    private static Map<String, String> options(Connection db) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("select * from options")) {
            while (rs.next()) {
                out.put(rs.getString("key"), rs.getString("value"));
            }
        }
        return out;
    }

    private static Map<String, BigDecimal> ratios(String name, String json, Map<String, String> problems) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, JsonNode> e : entries(json)) {
                if (!e.getValue().isNumber()) {
                    problems.put(name, name + ": the ratio of '" + e.getKey() + "' is not a number");
                    return Map.of();
                }
                out.put(e.getKey(), e.getValue().decimalValue());
            }
            return out;
        } catch (IllegalArgumentException e) {
            problems.put(name, name + " is not a JSON object: " + e.getMessage());
            return Map.of();
        }
    }

    /** A JSON object of plain values as strings (nulls and empty strings left out). */
    private static Map<String, String> stringMap(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(json)) {
            if (!e.getValue().isNull() && !e.getValue().isValueNode()) {
                throw new IllegalArgumentException("'" + e.getKey() + "' is not a plain value");
            }
            if (!e.getValue().isNull() && !e.getValue().asText().isEmpty()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    /** The members of a JSON object (none for a blank text); anything else is refused. */
    private static Iterable<Map.Entry<String, JsonNode>> entries(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return node.properties();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    private static Set<String> columns(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Set<String> cols = new HashSet<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return cols;
    }

    private static String text(ResultSet rs, Set<String> cols, String column) throws SQLException {
        return cols.contains(column) ? rs.getString(column) : null;
    }

    private static long number(ResultSet rs, Set<String> cols, String column) throws SQLException {
        return cols.contains(column) ? rs.getLong(column) : 0;
    }

    /** The entries of a one-api list column, trimmed, without blanks and repeats, in order. */
    static List<String> split(String value, String separator) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.split(separator)) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}
