package dev.tollgate.adapter.out.persistence.settings;

import dev.tollgate.application.account.port.out.SettingsPort;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/** Settings in the {@code setting} table; the first writer of a name wins, on every node. */
public class SettingsPersistenceAdapter implements SettingsPort {
    private final JdbcTemplate jdbc;

    public SettingsPersistenceAdapter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> find(String name) {
        return jdbc.query("select value from setting where name = ?", (rs, n) -> rs.getString(1), name).stream()
                .findFirst();
    }

    @Override
    public String findOrCreate(String name, Supplier<String> initialValue) {
        Optional<String> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.update(
                "insert into setting (name, value, created_at) values (?, ?, ?) on conflict (name) do nothing",
                name,
                initialValue.get(),
                OffsetDateTime.now(ZoneOffset.UTC));
        return jdbc.queryForObject("select value from setting where name = ?", String.class, name);
    }
}
