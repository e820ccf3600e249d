package dev.tollgate.domain.account;

import dev.tollgate.domain.common.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An external sign-in provider as a platform admin set it: whether it is offered, the OAuth client id, and the
 * provider's own addresses (the client secret is kept encrypted outside the event log, never here). The addresses a
 * provider takes: GitHub {@code baseUrl}, {@code apiUrl}; Feishu {@code host}, {@code accountsHost}; OIDC
 * {@code issuerUri} (required), {@code name} (the button's text) and {@code scopes} (with {@code openid}). An address
 * left out keeps the server configuration's.
 */
public record SignInProviderSettings(
        IdentityProvider provider, boolean enabled, String clientId, Map<String, String> endpoints) {
    private static final int MAX_CLIENT_ID = 200;
    private static final int MAX_URL = 500;
    private static final int MAX_NAME = 60;
    private static final int MAX_SCOPES = 200;

    public SignInProviderSettings {
        if (provider == null) {
            throw new InvalidValueException("provider", "provider must be 'github', 'feishu' or 'oidc'");
        }
        clientId = clientId == null ? "" : clientId.strip();
        if (clientId.length() > MAX_CLIENT_ID || clientId.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new InvalidValueException(
                    "clientId", "clientId must be at most " + MAX_CLIENT_ID + " characters, without spaces");
        }
        if (enabled && clientId.isEmpty()) {
            throw new InvalidValueException("clientId", "clientId is required to enable the provider");
        }
        Map<String, String> valid = new LinkedHashMap<>();
        List<String> allowed = fields(provider);
        for (Map.Entry<String, String> e : (endpoints == null ? Map.<String, String>of() : endpoints).entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new InvalidValueException(
                        e.getKey(), provider.code() + " takes only " + String.join(", ", allowed) + " here");
            }
            String value = e.getValue() == null ? "" : e.getValue().strip();
            if (!value.isEmpty()) {
                valid.put(e.getKey(), validValue(e.getKey(), value));
            }
        }
        if (enabled && provider == IdentityProvider.OIDC && !valid.containsKey("issuerUri")) {
            throw new InvalidValueException("issuerUri", "issuerUri is required to enable OpenID Connect");
        }
        endpoints = Map.copyOf(valid);
    }

    /** The addresses and texts a provider takes. */
    public static List<String> fields(IdentityProvider provider) {
        return switch (provider) {
            case GITHUB -> List.of("baseUrl", "apiUrl");
            case FEISHU -> List.of("host", "accountsHost");
            case OIDC -> List.of("issuerUri", "name", "scopes");
        };
    }

    private static String validValue(String field, String value) {
        if (field.equals("name")) {
            if (value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidValueException("name", "name must be at most " + MAX_NAME + " printable characters");
            }
            return value;
        }
        if (field.equals("scopes")) {
            List<String> scopes = List.of(value.split("[ ,]+"));
            if (value.length() > MAX_SCOPES
                    || !scopes.contains("openid")
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidValueException(
                        "scopes",
                        "scopes must include openid, separated by spaces, at most " + MAX_SCOPES + " characters");
            }
            return String.join(" ", scopes);
        }
        return url(field, value);
    }

    private static String url(String field, String value) {
        String problem = field + " must be an absolute http(s) URL of at most " + MAX_URL
                + " characters, without credentials, query or fragment";
        if (value.length() > MAX_URL) {
            throw new InvalidValueException(field, problem);
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || uri.getHost() == null
                    || uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new InvalidValueException(field, problem);
            }
        } catch (URISyntaxException e) {
            throw new InvalidValueException(field, problem);
        }
        // an issuer is compared as written (some end in a slash); the other addresses are bases paths are added to
        return field.equals("issuerUri") || !value.endsWith("/") ? value : value.substring(0, value.length() - 1);
    }
}
