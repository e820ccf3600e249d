package dev.tollgate.application.migration.port.out;

/**
 * Reads a one-api database (its GORM tables {@code channels}, {@code users}, {@code tokens}, {@code redemptions},
 * {@code options}) as plain records. Never writes to it.
 */
public interface OneApiSourcePort {
    /**
     * Every row the import needs. {@code location} is a JDBC URL ({@code jdbc:sqlite:}, {@code jdbc:postgresql:},
     * {@code jdbc:mysql:} or {@code jdbc:mariadb:}, credentials as URL parameters) or the path of a SQLite file.
     *
     * @throws dev.tollgate.domain.common.InvalidValueException when the location cannot be opened or is not a one-api
     *                                                          database
     */
    OneApiSnapshot read(String location);
}
