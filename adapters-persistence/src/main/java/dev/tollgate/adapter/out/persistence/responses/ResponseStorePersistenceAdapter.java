package dev.tollgate.adapter.out.persistence.responses;

import dev.tollgate.application.responses.port.out.ResponseStorePort;
import dev.tollgate.application.responses.port.out.StoredResponse;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code stored_response} on JDBC: batch upserts from the asynchronous writer, reads by id (expired rows are never
 * returned) and the retention's bounded deletes. An upsert changes a response of the same key only: an upstream that
 * answers with an id another key's response already has (upstream ids are the channel's) cannot overwrite it.
 */
public class ResponseStorePersistenceAdapter implements ResponseStorePort {
    private final JdbcTemplate jdbc;

    public ResponseStorePersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void saveAll(List<StoredResponse> responses) {
        jdbc.batchUpdate("""
                insert into stored_response (id, upstream_id, token_id, organization_id, channel_id, channel_type,
                    model, status, background, input_items, body, created_at, expires_at, channel_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set status = excluded.status, body = excluded.body,
                    channel_id = excluded.channel_id, channel_type = excluded.channel_type,
                    upstream_id = excluded.upstream_id, channel_key = excluded.channel_key
                where stored_response.token_id = excluded.token_id""", responses, responses.size(), (ps, r) -> {
            ps.setString(1, r.id());
            ps.setString(2, r.upstreamId());
            ps.setString(3, r.tokenId());
            ps.setString(4, r.organizationId());
            ps.setString(5, r.channelId());
            ps.setString(6, r.channelType());
            ps.setString(7, r.model());
            ps.setString(8, r.status());
            ps.setBoolean(9, r.background());
            ps.setString(10, r.inputItems());
            ps.setString(11, r.body());
            ps.setTimestamp(12, Timestamp.from(r.createdAt()));
            ps.setTimestamp(13, Timestamp.from(r.expiresAt()));
            ps.setString(14, r.channelKey());
        });
    }

    @Override
    public Optional<StoredResponse> find(String id, Instant now) {
        return jdbc.query("""
                        select id, upstream_id, token_id, organization_id, channel_id, channel_type, channel_key,
                            model, status, background, input_items, body, created_at, expires_at
                        from stored_response where id = ? and expires_at > ?""", ResponseStorePersistenceAdapter::row, id, Timestamp.from(now)).stream()
                .findFirst();
    }

    @Override
    public boolean delete(String id) {
        return jdbc.update("delete from stored_response where id = ?", id) > 0;
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return jdbc.update("""
                delete from stored_response where id in (
                    select id from stored_response where expires_at <= ? order by expires_at limit ?)""", Timestamp.from(now), limit);
    }

    private static StoredResponse row(ResultSet rs, int i) throws SQLException {
        return new StoredResponse(
                rs.getString("id"),
                rs.getString("upstream_id"),
                rs.getString("token_id"),
                rs.getString("organization_id"),
                rs.getString("channel_id"),
                rs.getString("channel_type"),
                rs.getString("channel_key"),
                rs.getString("model"),
                rs.getString("status"),
                rs.getBoolean("background"),
                rs.getString("input_items"),
                rs.getString("body"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant());
    }
}
