package dev.tollgate.adapter.out.persistence.account;

import dev.tollgate.domain.account.AccountErrorCode;
import dev.tollgate.domain.account.event.ExternalIdentityLinkedEvent;
import dev.tollgate.domain.account.event.ExternalIdentityUnlinkedEvent;
import dev.tollgate.domain.common.DomainException;
import java.sql.Timestamp;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code external_identity} (provider, subject) → user. Runs in a subscribing processor
 * ({@value #PROCESSING_GROUP}), inside the transaction that appends the linking event: when two sign-ins race to
 * give one identity to two users, the primary key refuses the second and its whole command (a new user included)
 * rolls back. The in-memory {@code UserDirectory} answers the look-ups; this table only guards uniqueness.
 */
public class ExternalIdentityProjection {
    public static final String PROCESSING_GROUP = "external-identities";

    private final JdbcTemplate jdbc;

    public ExternalIdentityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ExternalIdentityLinkedEvent e) {
        try {
            jdbc.update(
                    "insert into external_identity (provider, subject, user_id, linked_at) values (?, ?, ?, ?)",
                    e.provider(),
                    e.subject(),
                    e.userId(),
                    Timestamp.from(e.at()));
        } catch (DuplicateKeyException duplicate) {
            throw new DomainException(
                    AccountErrorCode.IDENTITY_ALREADY_LINKED,
                    "this " + e.provider() + " account is linked to another Tollgate account");
        }
    }

    @EventHandler
    void on(ExternalIdentityUnlinkedEvent e) {
        jdbc.update(
                "delete from external_identity where provider = ? and subject = ? and user_id = ?",
                e.provider(),
                e.subject(),
                e.userId());
    }
}
