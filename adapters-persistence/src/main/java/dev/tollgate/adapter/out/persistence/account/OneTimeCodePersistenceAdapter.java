package dev.tollgate.adapter.out.persistence.account;

import dev.tollgate.application.account.port.out.OneTimeCodePort;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One-time sign-in codes in {@code sign_in_code}: a code is consumed by a single {@code DELETE ... RETURNING}, so two
 * requests racing with the same code (on one node or two) get it at most once. Expired codes are pruned on save.
 */
public class OneTimeCodePersistenceAdapter implements OneTimeCodePort {
    private final JdbcTemplate jdbc;

    public OneTimeCodePersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(String codeHash, Grant grant, Instant expiresAt) {
        jdbc.update("delete from sign_in_code where expires_at < ?", Timestamp.from(Instant.now()));
        jdbc.update(
                """
                insert into sign_in_code (code_hash, purpose, user_id, provider, subject, login, email, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                codeHash,
                grant.purpose(),
                grant.userId(),
                grant.provider(),
                grant.subject(),
                grant.login(),
                grant.email(),
                Timestamp.from(expiresAt));
    }

    @Override
    public Optional<Grant> consume(String codeHash, String purpose, Instant now) {
        List<Grant> found = jdbc.query(
                """
                delete from sign_in_code where code_hash = ?
                returning purpose, user_id, provider, subject, login, email, expires_at""",
                (rs, n) -> rs.getString("purpose").equals(purpose)
                                && rs.getTimestamp("expires_at").toInstant().isAfter(now)
                        ? new Grant(
                                rs.getString("purpose"),
                                rs.getString("user_id"),
                                rs.getString("provider"),
                                rs.getString("subject"),
                                rs.getString("login"),
                                rs.getString("email"))
                        : null,
                codeHash);
        return found.isEmpty() ? Optional.empty() : Optional.ofNullable(found.getFirst());
    }
}
