package dev.tollgate.application.account.port.out;

/** One-way password hashing (Argon2id). */
public interface PasswordHasherPort {
    String hash(String rawPassword);

    boolean matches(String rawPassword, String hash);
}
