package dev.tollgate.adapter.out.persistence.token;

import dev.tollgate.application.token.port.out.KeyUsagePort;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Keys' last-used times in {@code token_last_used}: one row per key, the later time kept on conflict. */
public class KeyUsagePersistenceAdapter implements KeyUsagePort {
    private final JdbcTemplate jdbc;

    public KeyUsagePersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void recordLastUsed(Map<String, Instant> lastUsed) {
        List<Object[]> rows = new ArrayList<>(lastUsed.size());
        // a fixed order, so that two nodes flushing the same keys lock their rows in the same order
        lastUsed.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(new Object[] {e.getKey(), Timestamp.from(e.getValue())}));
        jdbc.batchUpdate("""
                insert into token_last_used (token_id, last_used_at) values (?, ?)
                on conflict (token_id) do update
                set last_used_at = greatest(token_last_used.last_used_at, excluded.last_used_at)""", rows);
    }

    @Override
    public Map<String, Instant> lastUsed(Collection<String> tokenIds) {
        Map<String, Instant> result = new HashMap<>();
        if (tokenIds.isEmpty()) {
            return result;
        }
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement(
                            "select token_id, last_used_at from token_last_used where token_id = any (?)");
                    ps.setArray(1, con.createArrayOf("varchar", tokenIds.toArray()));
                    return ps;
                },
                rs -> {
                    result.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return result;
    }
}
