package dev.tollgate.archfixture.adapter.out.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Wrong: an entity in the right module, but public, so other packages could pass it around instead of a view. */
@Entity
public class PublicChannelEntity {

    @Id
    private String id;

    protected PublicChannelEntity() {}

    String id() {
        return id;
    }
}
