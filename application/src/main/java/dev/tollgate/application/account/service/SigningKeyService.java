package dev.tollgate.application.account.service;

import dev.tollgate.application.account.port.in.SigningKeyUseCase;
import dev.tollgate.application.account.port.out.SecretSettingsPort;
import java.security.SecureRandom;

/**
 * Generates the access-token signing key once per installation and keeps it, encrypted, in the settings store
 * (docs/security.md, "Keys and their rotation").
 */
public class SigningKeyService implements SigningKeyUseCase {
    static final String SETTING = "auth.signing-key";
    private static final int KEY_BYTES = 48;
    private final SecretSettingsPort settings;
    private volatile byte[] cached;

    public SigningKeyService(SecretSettingsPort settings) {
        this.settings = settings;
    }

    @Override
    public byte[] signingKey() {
        byte[] key = cached;
        if (key == null) {
            key = settings.findOrCreate(SETTING, () -> {
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                return fresh;
            });
            cached = key;
        }
        return key.clone();
    }
}
