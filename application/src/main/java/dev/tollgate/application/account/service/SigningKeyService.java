package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.SigningKeyUseCase;
import dev.tollgate.application.account.port.out.SettingsPort;
import java.security.SecureRandom;
import java.util.Base64;

/** Generates the access-token signing key once per installation and keeps it in the settings store. */
public class SigningKeyService implements SigningKeyUseCase {
    static final String SETTING = "auth.signing-key";
    private final SettingsPort settings;
    private volatile byte[] cached;

    public SigningKeyService(SettingsPort settings) {
        this.settings = settings;
    }

    @Override
    public byte[] signingKey() {
        byte[] key = cached;
        if (key == null) {
            String stored = settings.findOrCreate(SETTING, () -> {
                byte[] fresh = new byte[48];
                new SecureRandom().nextBytes(fresh);
                return Base64.getEncoder().encodeToString(fresh);
            });
            key = Base64.getDecoder().decode(stored);
            cached = key;
        }
        return key.clone();
    }
}
