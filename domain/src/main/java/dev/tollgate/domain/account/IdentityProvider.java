package dev.tollgate.domain.account;

import dev.tollgate.domain.common.InvalidValueException;

/** Where an external identity comes from: GitHub, Feishu/Lark or the configured OpenID Connect provider. */
public enum IdentityProvider {
    GITHUB("github"),
    FEISHU("feishu"),
    OIDC("oidc");

    private final String code;

    IdentityProvider(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static IdentityProvider fromCode(String code) {
        for (IdentityProvider p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new InvalidValueException("provider", "provider must be 'github', 'feishu' or 'oidc'");
    }
}
