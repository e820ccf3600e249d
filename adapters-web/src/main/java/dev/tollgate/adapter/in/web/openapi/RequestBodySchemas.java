package dev.tollgate.adapter.in.web.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of the admin API's writes. The controllers read them field by field ({@code PatchBody}: an absent
 * field is left alone, unknown fields are refused), so springdoc sees only a {@code JsonNode}; these records describe
 * the fields each operation accepts, for the document's request schemas. The field lists match the controllers'
 * {@code requireOnly(...)} lists.
 */
final class RequestBodySchemas {
    record ChannelCreate(
            String name,
            String type,
            String baseUrl,
            List<String> keys,
            List<String> models,
            Map<String, String> modelMapping,
            List<String> groups,
            Integer priority,
            Integer weight,
            Integer maxConcurrency,
            Map<String, String> options) {}

    record ChannelUpdate(
            String name,
            String baseUrl,
            List<String> keys,
            List<String> models,
            Map<String, String> modelMapping,
            List<String> groups,
            Integer priority,
            Integer weight,
            Integer maxConcurrency,
            Map<String, String> options,
            String status) {}

    record ChannelTest(String model, String endpoint) {}

    record TokenCreate(
            String name,
            Long quota,
            Boolean unlimitedQuota,
            Instant expiresAt,
            List<String> models,
            String group,
            List<String> subnets,
            Long rpm,
            Long tpm) {}

    record TokenUpdate(
            String name,
            String status,
            Long quota,
            Boolean unlimitedQuota,
            Instant expiresAt,
            List<String> models,
            String group,
            List<String> subnets,
            Long rpm,
            Long tpm) {}

    record PriceSet(
            long input,
            long output,
            Long cachedInput,
            Long cacheWrite,
            Long audioInput,
            Long audioOutput,
            Long perImage,
            Long perAudioSecond,
            Long perRequest) {}

    record RedemptionBatchCreate(String name, int count, long value, Instant expiresAt) {}

    record StatusChange(String status) {}

    record Redeem(String code, String organizationId) {}

    record UserCreate(String username, String password, String role) {}

    record UserUpdate(String role, String status) {}

    record PasswordChange(String currentPassword, String newPassword) {}

    record Register(
            String username, String password, String inviteCode, String organizationInvitation, String captchaToken) {}

    record RegistrationMode(String mode) {}

    record SiteSettings(String name, String logo, String notice, String footer) {}

    record WalletCredit(long amount, String reason, String kind) {}

    record WalletDebit(long amount, String reason) {}

    record OneTimeCode(String code) {}

    record OrganizationCreate(String name) {}

    record OrganizationUpdate(String name, String status) {}

    record MemberAdd(String username, String role) {}

    record MemberRole(String role) {}

    record EmailInvitation(String email, String role) {}

    record Policy(List<String> groups, List<String> models, Long rpm, Long tpm) {}

    record RateLimit(Long rpm, Long tpm) {}

    record MonthlyBudget(Long monthlyBudget) {}

    record Transfer(String userId) {}

    record Email(String email) {}

    record Username(String username) {}

    record PasswordReset(String code, String newPassword) {}

    record UserRateLimits(Long userRpm, Long userTpm) {}

    record Incentives(
            Long signupBonus,
            Long checkInBonus,
            Long inviteeBonus,
            Long inviterReward,
            String inviterRewardOn,
            Long inviterRewardCap) {}

    record GroupMultiplier(BigDecimal multiplier) {}

    record RoutingRules(
            @JsonProperty("default") String defaultStrategy,
            Map<String, String> groups,
            Map<String, String> models,
            Integer explorePercent) {}

    record ProxySet(String url) {}

    /** {@code password}: write-only; left out, the one in force is kept; blank: none. */
    record MailServerSet(String host, Integer port, String username, String password, String from, Boolean startTls) {}

    record TestMail(String to) {}

    /** {@code clientSecret}: write-only; left out, the one in force is kept. */
    record SignInProviderSet(Boolean enabled, String clientId, String clientSecret, Map<String, String> endpoints) {}

    record AccessTokenCreate(String name, String scope, Instant expiresAt) {}

    record UserNotificationSettings(Long balanceThreshold, String language) {}

    record BalanceThreshold(Long balanceThreshold) {}

    record WebhookCreate(String url, String organizationId) {}

    /** one-api's ratio tables: each an object, or a string holding the JSON object as one-api stores it. */
    record OneApiRatios(
            Map<String, Object> ModelRatio, Map<String, Object> CompletionRatio, Map<String, Object> GroupRatio) {}

    /** (method, path) → the body it takes. */
    private static final Map<String, Class<?>> BODIES = Map.ofEntries(
            Map.entry("POST /api/v1/channels", ChannelCreate.class),
            Map.entry("POST /api/v1/organizations/{organizationId}/channels", ChannelCreate.class),
            Map.entry("PATCH /api/v1/channels/{id}", ChannelUpdate.class),
            Map.entry("POST /api/v1/channels/{id}/test", ChannelTest.class),
            Map.entry("POST /api/v1/tokens", TokenCreate.class),
            Map.entry("POST /api/v1/organizations/{organizationId}/tokens", TokenCreate.class),
            Map.entry("PATCH /api/v1/tokens/{id}", TokenUpdate.class),
            Map.entry("PUT /api/v1/prices/**", PriceSet.class),
            Map.entry("POST /api/v1/redemption-batches", RedemptionBatchCreate.class),
            Map.entry("PATCH /api/v1/redemption-batches/{id}", StatusChange.class),
            Map.entry("POST /api/v1/redemptions", Redeem.class),
            Map.entry("POST /api/v1/users", UserCreate.class),
            Map.entry("PATCH /api/v1/users/{id}", UserUpdate.class),
            Map.entry("PUT /api/v1/users/me/password", PasswordChange.class),
            Map.entry("POST /api/v1/auth/register", Register.class),
            Map.entry("PUT /api/v1/settings/registration", RegistrationMode.class),
            Map.entry("PUT /api/v1/settings/site", SiteSettings.class),
            Map.entry("POST /api/v1/users/{id}/wallet/credits", WalletCredit.class),
            Map.entry("POST /api/v1/users/{id}/wallet/debits", WalletDebit.class),
            Map.entry("POST /api/v1/organizations/{id}/wallet/credits", WalletCredit.class),
            Map.entry("POST /api/v1/organizations/{id}/wallet/debits", WalletDebit.class),
            Map.entry("POST /api/v1/auth/session/external", OneTimeCode.class),
            Map.entry("POST /api/v1/auth/oauth/exchange", OneTimeCode.class),
            Map.entry("POST /api/v1/organizations", OrganizationCreate.class),
            Map.entry("PATCH /api/v1/organizations/{id}", OrganizationUpdate.class),
            Map.entry("POST /api/v1/organizations/{id}/members", MemberAdd.class),
            Map.entry("PATCH /api/v1/organizations/{id}/members/{userId}", MemberRole.class),
            Map.entry("POST /api/v1/organizations/{id}/invitations", MemberAdd.class),
            Map.entry("POST /api/v1/organizations/{id}/email-invitations", EmailInvitation.class),
            Map.entry("POST /api/v1/organizations/invitations/code", OneTimeCode.class),
            Map.entry("POST /api/v1/organizations/{id}/transfer", Transfer.class),
            Map.entry("PUT /api/v1/organizations/{id}/policy", Policy.class),
            Map.entry("PUT /api/v1/organizations/{id}/key-defaults", RateLimit.class),
            Map.entry("PUT /api/v1/organizations/{id}/members/{userId}/rate-limit", RateLimit.class),
            Map.entry("PUT /api/v1/organizations/{id}/members/{userId}/budget", MonthlyBudget.class),
            Map.entry("PUT /api/v1/users/me/email", Email.class),
            Map.entry("POST /api/v1/users/me/email/verification", OneTimeCode.class),
            Map.entry("POST /api/v1/auth/password-reset", Username.class),
            Map.entry("POST /api/v1/auth/password-reset/confirm", PasswordReset.class),
            Map.entry("POST /api/v1/users/me/identities/link-complete", OneTimeCode.class),
            Map.entry("PUT /api/v1/settings/rate-limits", UserRateLimits.class),
            Map.entry("PUT /api/v1/settings/incentives", Incentives.class),
            Map.entry("PUT /api/v1/settings/routing", RoutingRules.class),
            Map.entry("PUT /api/v1/settings/proxy", ProxySet.class),
            Map.entry("PUT /api/v1/settings/mail", MailServerSet.class),
            Map.entry("POST /api/v1/settings/mail/test", TestMail.class),
            Map.entry("PUT /api/v1/settings/sign-in/{provider}", SignInProviderSet.class),
            Map.entry("PUT /api/v1/channels/{id}/proxy", ProxySet.class),
            Map.entry("PUT /api/v1/group-multipliers/{group}", GroupMultiplier.class),
            Map.entry("POST /api/v1/users/me/access-tokens", AccessTokenCreate.class),
            Map.entry("POST /api/v1/prices/import/one-api", OneApiRatios.class),
            Map.entry("PUT /api/v1/users/{id}/notification-settings", UserNotificationSettings.class),
            Map.entry("PUT /api/v1/organizations/{id}/notification-settings", BalanceThreshold.class),
            Map.entry("PUT /api/v1/tokens/{id}/notification-settings", BalanceThreshold.class),
            Map.entry("POST /api/v1/webhooks", WebhookCreate.class));

    private RequestBodySchemas() {}

    /** Replaces the {@code JsonNode} body of each listed operation by its record's schema. */
    static void apply(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    Class<?> body = BODIES.get(method.name() + " " + path);
                    if (body != null) {
                        describe(openApi, operation, body);
                    }
                }));
    }

    private static void describe(OpenAPI openApi, Operation operation, Class<?> body) {
        ResolvedSchema resolved = ModelConverters.getInstance(true).readAllAsResolvedSchema(body);
        resolved.referencedSchemas.forEach(
                (name, schema) -> openApi.getComponents().addSchemas(name, schema));
        RequestBody request = operation.getRequestBody() == null ? new RequestBody() : operation.getRequestBody();
        request.setContent(new Content()
                .addMediaType(
                        "application/json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + body.getSimpleName()))));
        operation.setRequestBody(request);
    }
}
