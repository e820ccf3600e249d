package dev.tollgate.application.account.port.in;

/** Checks a username and password. */
public interface LoginUseCase {
    /**
     * @throws LoginRefusedException  wrong username or password (the two are not told apart)
     * @throws LoginThrottledException too many failures for this user from this address in the last minute
     */
    AuthenticatedUser login(String username, String password, String clientAddress);
}
