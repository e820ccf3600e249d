package dev.tollgate.adapter.out.persistence.settings;

import org.springframework.data.jpa.repository.JpaRepository;

/** Reads settings. Inserts go through SQL with {@code on conflict do nothing} (several nodes may start at once). */
public interface SettingRepository extends JpaRepository<SettingEntity, String> {
}
