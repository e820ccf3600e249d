package dev.tollgate.archfixture.application.channel.service;

import org.springframework.data.jpa.domain.Specification;

/** Wrong: a use case building a Spring Data JPA query itself instead of asking its outbound port. */
public class SpecificationInService {

    Specification<Object> enabledOnly() {
        return (root, query, cb) -> cb.equal(root.get("status"), "enabled");
    }
}
