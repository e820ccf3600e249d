package dev.tollgate.adapter.out.mail;

import dev.tollgate.application.common.port.out.MailPort;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Plain-text mail over SMTP (Jakarta Mail). Not configured without a host: then {@link #configured()} is false and
 * nothing is sent. STARTTLS is required by default (credentials never cross the network in clear); an SMTP server on
 * the loopback interface may go without it.
 */
public class SmtpMailAdapter implements MailPort {
    /** Where and how to send. */
    public record Settings(
            String host, int port, String username, String password, String from, boolean startTls, Duration timeout) {
        @Override
        public String toString() {
            return "Settings[host=" + host + ", port=" + port + ", username=" + username + ", from=" + from
                    + ", startTls=" + startTls + "]";
        }
    }

    private final Settings settings;
    private final Session session;

    public SmtpMailAdapter(Settings settings) {
        this.settings = settings;
        this.session = settings.host() == null || settings.host().isBlank() ? null : session(settings);
    }

    private static Session session(Settings s) {
        Properties p = new Properties();
        p.put("mail.smtp.host", s.host());
        p.put("mail.smtp.port", Integer.toString(s.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(s.timeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(s.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(s.timeout().toMillis()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(s.startTls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(s.startTls()));
        boolean auth = s.username() != null && !s.username().isBlank();
        p.put("mail.smtp.auth", Boolean.toString(auth));
        if (!auth) {
            return Session.getInstance(p);
        }
        return Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(s.username(), s.password());
            }
        });
    }

    @Override
    public boolean configured() {
        return session != null;
    }

    @Override
    public void send(String to, String subject, String text) {
        if (session == null) {
            throw new IllegalStateException("no SMTP server is configured (tollgate.mail.host)");
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(text, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(
                    "the SMTP server " + settings.host() + ":" + settings.port() + " did not take the mail: "
                            + e.getMessage(),
                    e);
        }
    }
}
