package dev.tollgate.adapter.out.persistence.migration;

import dev.tollgate.application.migration.port.out.ImportRecordPort;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ids an import brought across, in {@code import_record} (one row per source, kind and source id). */
public class ImportRecordPersistenceAdapter implements ImportRecordPort {
    private final JdbcTemplate jdbc;

    public ImportRecordPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, String> imported(String source, String kind) {
        Map<String, String> out = new HashMap<>();
        jdbc.query(
                "select source_id, target_id from import_record where source = ? and kind = ?",
                rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                },
                source,
                kind);
        return out;
    }

    @Override
    public void record(String source, String kind, String sourceId, String targetId, Instant at) {
        jdbc.update("""
                insert into import_record (source, kind, source_id, target_id, imported_at) values (?, ?, ?, ?, ?)
                on conflict (source, kind, source_id) do nothing""", source, kind, sourceId, targetId, Timestamp.from(at));
    }
}
