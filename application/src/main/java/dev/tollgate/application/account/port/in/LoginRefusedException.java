package dev.tollgate.application.account.port.in;

/** Wrong username or password. */
public class LoginRefusedException extends RuntimeException {
    public LoginRefusedException() {
        super("wrong username or password");
    }
}
