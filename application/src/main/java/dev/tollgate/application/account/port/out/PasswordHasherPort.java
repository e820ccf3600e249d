package dev.tollgate.application.account.port.out;

/** One-way password hashing (Argon2id; imported bcrypt hashes are accepted until replaced). */
public interface PasswordHasherPort {
    String hash(String rawPassword);

    boolean matches(String rawPassword, String hash);

    /**
     * Whether a hash that {@link #matches} accepts is of a legacy kind (an imported bcrypt hash) that should be
     * replaced by this hasher's own after the next successful sign-in.
     */
    default boolean needsRehash(String hash) {
        return false;
    }
}
