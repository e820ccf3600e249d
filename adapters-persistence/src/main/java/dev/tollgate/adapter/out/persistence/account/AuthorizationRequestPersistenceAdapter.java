package dev.tollgate.adapter.out.persistence.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.account.port.out.AuthorizationRequestPort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Authorization requests of browser sign-ins in {@code oauth_authorization_request}, one column per field (JSON for
 * the scopes and the two maps). A request is taken by a single {@code DELETE ... RETURNING} that names both the state's
 * and the browser's hash, so two callbacks racing for it (on one node or two) get it at most once, and a callback from
 * another browser neither gets nor removes it.
 */
public class AuthorizationRequestPersistenceAdapter implements AuthorizationRequestPort {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private static final String COLUMNS = "state_hash, browser_hash, authorization_uri, client_id, redirect_uri, "
            + "scopes, grant_type, additional_parameters, attributes, authorization_request_uri, created_at, expires_at";

    private final JdbcTemplate jdbc;
    private final RowMapper<StoredAuthorizationRequest> rows = this::read;

    public AuthorizationRequestPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(StoredAuthorizationRequest r, Instant pruneExpiredBefore) {
        jdbc.update("delete from oauth_authorization_request where expires_at < ?", Timestamp.from(pruneExpiredBefore));
        jdbc.update(
                "insert into oauth_authorization_request (" + COLUMNS + ") "
                        + "values (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?, ?)",
                r.stateHash(),
                r.browserHash(),
                r.authorizationUri(),
                r.clientId(),
                r.redirectUri(),
                write(r.scopes()),
                r.grantType(),
                write(r.additionalParameters()),
                write(r.attributes()),
                r.authorizationRequestUri(),
                Timestamp.from(r.createdAt()),
                Timestamp.from(r.expiresAt()));
    }

    @Override
    public Optional<StoredAuthorizationRequest> find(String stateHash, String browserHash, Instant now) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from oauth_authorization_request "
                                + "where state_hash = ? and browser_hash = ? and expires_at > ?",
                        rows,
                        stateHash,
                        browserHash,
                        Timestamp.from(now))
                .stream()
                .findFirst();
    }

    @Override
    public Optional<StoredAuthorizationRequest> take(String stateHash, String browserHash) {
        return jdbc
                .query(
                        "delete from oauth_authorization_request where state_hash = ? and browser_hash = ? "
                                + "returning " + COLUMNS,
                        rows,
                        stateHash,
                        browserHash)
                .stream()
                .findFirst();
    }

    private StoredAuthorizationRequest read(ResultSet rs, int row) throws SQLException {
        return new StoredAuthorizationRequest(
                rs.getString("state_hash"),
                rs.getString("browser_hash"),
                rs.getString("authorization_uri"),
                rs.getString("client_id"),
                rs.getString("redirect_uri"),
                read(rs.getString("scopes"), LIST),
                rs.getString("grant_type"),
                read(rs.getString("additional_parameters"), MAP),
                read(rs.getString("attributes"), MAP),
                rs.getString("authorization_request_uri"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // the message would quote the value, which may hold the PKCE verifier: keep only the type
            throw new IllegalStateException("an authorization request field could not be written as JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored authorization request field is not valid JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
