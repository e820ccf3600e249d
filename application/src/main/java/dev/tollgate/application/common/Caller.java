package dev.tollgate.application.common;

/**
 * Who is calling an admin use case: a signed-in user and whether they hold a platform admin role.
 */
public record Caller(String userId, boolean admin) {
    /** How the caller is named in events (the actor of a change). */
    public String actor() {
        return "user:" + userId;
    }
}
