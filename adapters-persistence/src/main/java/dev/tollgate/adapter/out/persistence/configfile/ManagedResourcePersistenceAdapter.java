package dev.tollgate.adapter.out.persistence.configfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.application.configfile.port.out.ManagedResourcePort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The configuration file's records in {@code config_managed_resource} (one row per kind and declared name, the applied
 * declaration as JSON without secrets) and {@code config_file_applied} (the fingerprint of the file last applied).
 * Nodes take turns through a PostgreSQL session advisory lock held on a connection of its own while a file is applied.
 * The JSON has its own {@link ObjectMapper}: a web setting must not change what is stored.
 */
public class ManagedResourcePersistenceAdapter implements ManagedResourcePort {
    /** The advisory lock's key: "tollgate config file" in a 64-bit number of its own. */
    static final long LOCK_KEY = 0x746f6c6c_63666731L;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ReentrantLock local = new ReentrantLock();

    public ManagedResourcePersistenceAdapter(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public <T> Map<String, Managed<T>> all(String kind, Class<T> type) {
        Map<String, Managed<T>> out = new LinkedHashMap<>();
        jdbc.query(
                "select name, resource_id, applied, active from config_managed_resource where kind = ? "
                        + "order by name",
                rs -> {
                    out.put(
                            rs.getString(1),
                            new Managed<>(
                                    rs.getString(1), rs.getString(2), read(rs.getString(3), type), rs.getBoolean(4)));
                },
                kind);
        return out;
    }

    @Override
    public <T> void save(String kind, Managed<T> m, Instant at) {
        jdbc.update("""
                insert into config_managed_resource (kind, name, resource_id, applied, active, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (kind, name) do update set resource_id = excluded.resource_id,
                    applied = excluded.applied, active = excluded.active, updated_at = excluded.updated_at""", kind, m.name(), m.resourceId(), write(m.applied()), m.active(), Timestamp.from(at));
    }

    @Override
    public Set<String> activeIds(String kind) {
        List<String> ids = jdbc.queryForList(
                "select resource_id from config_managed_resource where kind = ? " + "and active", String.class, kind);
        return Set.copyOf(ids);
    }

    @Override
    public Optional<String> appliedDigest() {
        return jdbc.queryForList("select digest from config_file_applied where id = 1", String.class).stream()
                .findFirst();
    }

    @Override
    public void recordApplied(String digest, Instant at) {
        jdbc.update("""
                insert into config_file_applied (id, digest, applied_at) values (1, ?, ?)
                on conflict (id) do update set digest = excluded.digest, applied_at = excluded.applied_at""", digest, Timestamp.from(at));
    }

    @Override
    public <T> T exclusively(Supplier<T> work) {
        local.lock();
        try (Connection c = dataSource.getConnection()) {
            call(c, "select pg_advisory_lock(?)");
            try {
                return work.get();
            } finally {
                call(c, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the configuration file's lock cannot be taken: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private static void call(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, LOCK_KEY);
            s.execute();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a declaration cannot be written as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored declaration cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
