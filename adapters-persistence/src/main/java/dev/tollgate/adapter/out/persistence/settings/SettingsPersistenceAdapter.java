package dev.tollgate.adapter.out.persistence.settings;

import dev.tollgate.application.account.port.out.SettingsPort;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/** Settings in the {@code setting} table; the first writer of a name wins, on every node. */
public class SettingsPersistenceAdapter implements SettingsPort {
    private final SettingRepository repository;
    private final JdbcTemplate jdbc;

    public SettingsPersistenceAdapter(SettingRepository repository, JdbcTemplate jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> find(String name) {
        return repository.findById(name).map(SettingEntity::value);
    }

    @Override
    public String findOrCreate(String name, Supplier<String> initialValue) {
        Optional<String> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.update("insert into setting (name, value, created_at) values (?, ?, ?) on conflict (name) do nothing",
                name, initialValue.get(), OffsetDateTime.now(ZoneOffset.UTC));
        return jdbc.queryForObject("select value from setting where name = ?", String.class, name);
    }
}
