package dev.tollgate.adapter.out.persistence.audit;

import dev.tollgate.application.audit.query.AuditFilter;
import dev.tollgate.application.common.Cursor;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/** The audit log's filters and keyset position as JPA criteria: bound values only, an absent filter skipped. */
final class AuditEntrySpecifications {
    /** Newest first; the event id orders entries of the same instant. */
    static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("at"), Sort.Order.asc("eventId"));

    private AuditEntrySpecifications() {}

    static Specification<AuditEntryEntity> matching(AuditFilter f) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            equal(all, cb, root.get("actor"), f.actor());
            equal(all, cb, root.get("actorUserId"), f.actorUserId());
            equal(all, cb, root.get("organisationId"), f.organizationId());
            equal(all, cb, root.get("action"), f.action());
            equal(all, cb, root.get("targetType"), f.targetType());
            equal(all, cb, root.get("targetId"), f.targetId());
            if (f.from() != null) {
                all.add(cb.greaterThanOrEqualTo(root.<Instant>get("at"), f.from()));
            }
            if (f.to() != null) {
                all.add(cb.lessThan(root.<Instant>get("at"), f.to()));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }

    /** The entries after {@code after} in {@link #NEWEST_FIRST} order: older, or as old with a greater id. */
    static Specification<AuditEntryEntity> after(Cursor after) {
        if (after.start()) {
            return (root, query, cb) -> cb.conjunction();
        }
        Instant at = after.instant(0, 2);
        String eventId = after.key(1, 2);
        return (root, query, cb) -> cb.or(
                cb.lessThan(root.<Instant>get("at"), at),
                cb.and(cb.equal(root.get("at"), at), cb.greaterThan(root.<String>get("eventId"), eventId)));
    }

    private static void equal(List<Predicate> all, CriteriaBuilder cb, Path<Object> path, String value) {
        if (value != null) {
            all.add(cb.equal(path, value));
        }
    }
}
