package dev.tollgate.application.account.port.in;

/** The secret that signs admin access tokens; generated on first start and kept in the database. */
public interface SigningKeyUseCase {
    /** At least 32 random bytes, the same on every node of the installation. */
    byte[] signingKey();
}
