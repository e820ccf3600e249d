package dev.tollgate.archfixture.adapter.in.web;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Wrong: a JPA entity outside the persistence adapter. */
@Entity
public class StrayEntity {

    @Id
    private Long id;

    protected StrayEntity() {}

    Long id() {
        return id;
    }
}
