package dev.tollgate.domain.account;

import dev.tollgate.domain.common.InvalidValueException;

/**
 * The SMTP server Tollgate sends its mail through, as a platform admin set it (the password is kept encrypted outside
 * the event log, never here).
 *
 * @param host the server's host name or address
 * @param port its port, 1..65535
 * @param username the SMTP login; blank: none
 * @param from the sender address
 * @param startTls whether the connection must be upgraded with STARTTLS
 */
public record MailServer(String host, int port, String username, String from, boolean startTls) {
    private static final int MAX_HOST = 253;
    private static final int MAX_USERNAME = 200;
    private static final int MAX_FROM = 254;

    public MailServer {
        host = host == null ? "" : host.strip();
        if (host.isEmpty() || host.length() > MAX_HOST || !printableWithoutSpace(host)) {
            throw new InvalidValueException(
                    "host", "host is required: a host name or address of at most " + MAX_HOST + " characters");
        }
        if (port < 1 || port > 65_535) {
            throw new InvalidValueException("port", "port must be between 1 and 65535");
        }
        username = username == null ? "" : username.strip();
        if (username.length() > MAX_USERNAME || !printableWithoutSpace(username)) {
            throw new InvalidValueException(
                    "username", "username must be at most " + MAX_USERNAME + " characters, without spaces");
        }
        from = from == null ? "" : from.strip();
        int at = from.indexOf('@');
        if (from.length() > MAX_FROM
                || at < 1
                || at != from.lastIndexOf('@')
                || at == from.length() - 1
                || !printableWithoutSpace(from)) {
            throw new InvalidValueException("from", "from must be an e-mail address such as gateway@example.com");
        }
    }

    private static boolean printableWithoutSpace(String text) {
        return text.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }
}
