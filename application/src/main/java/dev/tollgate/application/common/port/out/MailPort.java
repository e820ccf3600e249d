package dev.tollgate.application.common.port.out;

/** Sends plain-text e-mail (SMTP). */
public interface MailPort {
    /** Whether an SMTP server is configured: without one, nothing needing e-mail is offered. */
    boolean configured();

    /** Sends one message; throws when the server refuses it or cannot be reached. */
    void send(String to, String subject, String text);
}
