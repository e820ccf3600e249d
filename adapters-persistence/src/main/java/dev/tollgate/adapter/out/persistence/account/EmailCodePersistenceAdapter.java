package dev.tollgate.adapter.out.persistence.account;

import dev.tollgate.application.account.port.out.EmailCodePort;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code email_code}: a code is consumed by one conditional update, so it works once even on two nodes at once. */
public class EmailCodePersistenceAdapter implements EmailCodePort {
    private final JdbcTemplate jdbc;

    public EmailCodePersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void store(String codeHash, String purpose, String userId, String email, Instant expiresAt) {
        jdbc.update("delete from email_code where expires_at < now() - interval '1 day'");
        jdbc.update("""
                insert into email_code (code_hash, purpose, user_id, email, expires_at) values (?, ?, ?, ?, ?)""", codeHash, purpose, userId, email, Timestamp.from(expiresAt));
    }

    @Override
    public Optional<StoredCode> consume(String codeHash, String purpose, Instant now) {
        List<StoredCode> used = jdbc.query(
                """
                update email_code set used_at = ? where code_hash = ? and purpose = ? and used_at is null
                and expires_at > ? returning user_id, email""",
                (rs, i) -> new StoredCode(rs.getString(1), rs.getString(2)),
                Timestamp.from(now),
                codeHash,
                purpose,
                Timestamp.from(now));
        return used.stream().findFirst();
    }
}
