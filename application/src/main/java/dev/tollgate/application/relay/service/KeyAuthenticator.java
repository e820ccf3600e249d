package dev.tollgate.application.relay.service;

import dev.tollgate.application.account.port.in.UserDirectory;
import dev.tollgate.application.common.ApiKeys;
import dev.tollgate.application.common.port.out.ClockPort;
import dev.tollgate.application.organization.port.in.OrganizationDirectory;
import dev.tollgate.application.relay.port.in.ApiCredentials;
import dev.tollgate.application.relay.port.in.RelayException;
import dev.tollgate.application.token.port.in.KeyLastUsedUseCase;
import dev.tollgate.application.token.port.in.TokenDirectory;
import dev.tollgate.application.token.port.in.TokenRecord;
import dev.tollgate.domain.organization.OrganizationId;
import dev.tollgate.domain.token.TokenLimits;
import dev.tollgate.domain.token.TokenStatus;
import java.util.Optional;

/**
 * Who is calling the relay, from memory: the API key's hash names an enabled, unexpired key of an active owner, of an
 * enabled organisation the owner still belongs to, used from an allowed address; and may the key use a model.
 */
public class KeyAuthenticator {
    private final TokenDirectory tokens;
    private final UserDirectory users;
    private final OrganizationDirectory organizations;
    private final KeyLastUsedUseCase lastUsed;
    private final ClockPort clock;

    public KeyAuthenticator(
            TokenDirectory tokens,
            UserDirectory users,
            OrganizationDirectory organizations,
            KeyLastUsedUseCase lastUsed,
            ClockPort clock) {
        this.tokens = tokens;
        this.users = users;
        this.organizations = organizations;
        this.lastUsed = lastUsed;
        this.clock = clock;
    }

    /** The key behind the credentials (its use noted for {@code lastUsedAt}), or 401/403 in OpenAI's shape. */
    public TokenRecord authenticate(ApiCredentials credentials) {
        String key = credentials.apiKey();
        if (key == null || key.isBlank()) {
            throw RelayException.invalidApiKey("no API key was given; send it as 'Authorization: Bearer sk-...'");
        }
        Optional<TokenRecord> found = tokens.findByKeyHash(ApiKeys.hash(key));
        if (found.isEmpty()) {
            throw RelayException.invalidApiKey("the API key is not valid");
        }
        TokenRecord token = found.get();
        if (token.status() != TokenStatus.ENABLED) {
            throw RelayException.invalidApiKey("the API key is disabled");
        }
        if (token.expiredAt(clock.now())) {
            throw RelayException.invalidApiKey("the API key has expired");
        }
        if (!users.active(token.ownerId())) {
            throw RelayException.invalidApiKey("the API key's owner is disabled or deleted");
        }
        requireOrganization(token);
        if (!token.allowsClient(credentials.clientAddress())) {
            throw new RelayException(
                    403,
                    "invalid_request_error",
                    "ip_not_allowed",
                    "this key may not be used " + "from the address " + credentials.clientAddress()
                            + "; it is limited to certain subnets");
        }
        lastUsed.used(token.id(), clock.now());
        return token;
    }

    /** 403 unless both the key and its organisation may use the model. */
    public void requireModelAllowed(TokenRecord token, String model) {
        if (!token.allowsModel(model)) {
            throw new RelayException(
                    403,
                    "invalid_request_error",
                    "model_not_allowed",
                    "this key may not use the model '" + model + "'");
        }
        if (!organizations.policyOf(token.organizationId()).allowsModel(model)) {
            throw new RelayException(
                    403,
                    "invalid_request_error",
                    "model_not_allowed",
                    "the key's organisation may not use the model '" + model + "'");
        }
    }

    /**
     * A key of a shared organisation works while the organisation is enabled, its holder is still a member, and its
     * group (unless the default one) is still granted to the organisation.
     */
    private void requireOrganization(TokenRecord token) {
        if (new OrganizationId(token.organizationId()).personal()) {
            return;
        }
        OrganizationDirectory.OrganizationRecord org =
                organizations.find(token.organizationId()).orElse(null);
        if (org == null || !org.enabled()) {
            throw RelayException.invalidApiKey("the API key's organisation is disabled");
        }
        if (!org.members().containsKey(token.ownerId())) {
            throw RelayException.invalidApiKey("the API key's holder is no longer a member of its organisation");
        }
        if (!TokenLimits.DEFAULT_GROUP.equals(token.group())
                && !organizations.policyOf(token.organizationId()).groups().contains(token.group())) {
            throw new RelayException(
                    403,
                    "invalid_request_error",
                    "group_not_granted",
                    "the key's group '" + token.group()
                            + "' is no longer granted to its organisation; ask an administrator");
        }
    }
}
