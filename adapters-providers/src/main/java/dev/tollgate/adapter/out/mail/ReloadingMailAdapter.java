package dev.tollgate.adapter.out.mail;

import dev.tollgate.application.common.port.out.MailPort;
import java.util.function.Supplier;

/**
 * Mail through the SMTP server in force, read on every use: when its settings change (a platform admin set another
 * server), the {@link SmtpMailAdapter} is built again from them, so the change applies without a restart.
 */
public class ReloadingMailAdapter implements MailPort {
    private final Supplier<SmtpMailAdapter.Settings> settings;
    private volatile Built built;

    /** The sender built from one state of the settings. */
    private record Built(SmtpMailAdapter.Settings settings, SmtpMailAdapter sender) {}

    public ReloadingMailAdapter(Supplier<SmtpMailAdapter.Settings> settings) {
        this.settings = settings;
    }

    @Override
    public boolean configured() {
        return current().configured();
    }

    @Override
    public void send(String to, String subject, String text) {
        current().send(to, subject, text);
    }

    private SmtpMailAdapter current() {
        SmtpMailAdapter.Settings now = settings.get();
        Built seen = built;
        if (seen != null && seen.settings().equals(now)) {
            return seen.sender();
        }
        Built fresh = new Built(now, new SmtpMailAdapter(now));
        built = fresh;
        return fresh.sender();
    }
}
