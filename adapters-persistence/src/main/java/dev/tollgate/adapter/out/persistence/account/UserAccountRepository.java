package dev.tollgate.adapter.out.persistence.account;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** {@code user_account}, in registration order (time, then id). */
public interface UserAccountRepository extends JpaRepository<UserAccountEntity, String> {

    /** An offset page; the pageable's sort is the registration order. */
    Slice<UserAccountEntity> findAllBy(Pageable page);

    /** The first users in registration order (a keyset page from the start). */
    List<UserAccountEntity> findAllByOrderByRegisteredAtAscUserIdAsc(Limit limit);

    /** The users registered after the given position, in registration order (a keyset page). */
    @Query("""
            select u from UserAccountEntity u
            where u.registeredAt > :at or (u.registeredAt = :at and u.userId > :id)
            order by u.registeredAt, u.userId""")
    List<UserAccountEntity> findAfter(@Param("at") Instant at, @Param("id") String userId, Limit limit);
}
