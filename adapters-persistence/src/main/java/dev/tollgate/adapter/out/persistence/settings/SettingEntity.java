package dev.tollgate.adapter.out.persistence.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named value of the installation (table {@code setting}). */
@Entity
@Table(name = "setting")
public class SettingEntity {
    @Id
    @Column(name = "name", length = 128)
    private String name;

    @Column(name = "value", nullable = false, columnDefinition = "text")
    private String value;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SettingEntity() {
        // for JPA
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
