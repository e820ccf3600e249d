package dev.tollgate.application.account.port.in;

/** A user an admin creates. {@code role} is {@code ADMIN} or {@code USER} (default USER). */
public record NewUser(String username, String password, String role) {
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + "]";
    }
}
