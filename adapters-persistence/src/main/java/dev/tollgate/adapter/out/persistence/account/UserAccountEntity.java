package dev.tollgate.adapter.out.persistence.account;

import dev.tollgate.application.account.port.in.AccountView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code user_account} (changeset 030): a user as the admin API lists them (never a password hash). */
@Entity
@Table(name = "user_account")
class UserAccountEntity {
    @Id
    @Column(name = "user_id")
    private String userId;

    private String username;
    private String role;
    private String status;

    @Column(name = "registered_at")
    private Instant registeredAt;

    protected UserAccountEntity() {}

    UserAccountEntity(String userId, String username, String role, String status, Instant registeredAt) {
        this.userId = userId;
        this.username = username;
        this.role = role;
        this.status = status;
        this.registeredAt = registeredAt;
    }

    void role(String role) {
        this.role = role;
    }

    void status(String status) {
        this.status = status;
    }

    AccountView view() {
        return new AccountView(userId, username, role, status, registeredAt);
    }
}
