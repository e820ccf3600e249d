package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 8: a caller who may not use an admin route learns nothing about its shape. Every platform-admin
 * route answers a USER 403 {@code admin_required} whatever the body (malformed JSON, wrong types, unknown fields),
 * never the 400 that would describe the fields it expects; and nothing changes.
 */
class AuthorizationBeforeValidationEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-8";

    /** Method and path of every platform-admin route with a body or parameters a 400 could describe. */
    private static final List<String[]> ADMIN_ROUTES = List.of(
            new String[] {"POST", "/api/v1/channels"},
            new String[] {"GET", "/api/v1/channels?page=x&size=y"},
            new String[] {"GET", "/api/v1/channels/c-1/balance"},
            new String[] {"POST", "/api/v1/users"},
            new String[] {"GET", "/api/v1/users?page=x"},
            new String[] {"PATCH", "/api/v1/users/u-1"},
            new String[] {"DELETE", "/api/v1/users/u-1"},
            new String[] {"POST", "/api/v1/users/u-1/wallet/credits"},
            new String[] {"POST", "/api/v1/users/u-1/wallet/debits"},
            new String[] {"PUT", "/api/v1/settings/registration"},
            new String[] {"PUT", "/api/v1/settings/rate-limits"},
            new String[] {"GET", "/api/v1/settings/rate-limits"},
            new String[] {"PUT", "/api/v1/settings/incentives"},
            new String[] {"PUT", "/api/v1/prices/some-model"},
            new String[] {"POST", "/api/v1/prices/import/one-api"},
            new String[] {"POST", "/api/v1/prices/defaults?overwrite=maybe"},
            new String[] {"PUT", "/api/v1/group-multipliers/vip"},
            new String[] {"POST", "/api/v1/redemption-batches"},
            new String[] {"GET", "/api/v1/redemption-batches"},
            new String[] {"GET", "/api/v1/redemption-batches?status=bogus&size=0"},
            new String[] {"PATCH", "/api/v1/redemption-batches/b-1"},
            new String[] {"DELETE", "/api/v1/redemption-batches/b-1"},
            new String[] {"GET", "/api/v1/redemption-batches/b-1/codes"},
            new String[] {"GET", "/api/v1/redemption-batches/b-1/codes.csv"},
            new String[] {"POST", "/api/v1/admin/usage-prunings"},
            new String[] {"POST", "/api/v1/admin/reconciliations"},
            new String[] {"PUT", "/api/v1/organizations/o-1/policy"},
            new String[] {"POST", "/api/v1/organizations/o-1/wallet/credits"},
            new String[] {"POST", "/api/v1/organizations/o-1/wallet/debits"});

    private static final List<String> BAD_BODIES =
            List.of("{not json", "{\"name\":[1,2],\"amount\":\"lots\"}", "{\"surprise\":true}", "[]");

    @Test
    void givenAUser_whenCallingAnyAdminRouteWithAnyBody_thenTheAnswerIs403AndNothingChanges() {
        // given
        JsonNode user = admin.post(
                        "/api/v1/users",
                        Map.of("username", uniqueModel("authz-user"), "password", PASSWORD, "role", "USER"))
                .json();
        AdminApi asUser = new AdminApi(port).loginAs(user.get("username").asText(), PASSWORD);
        long channelsBefore =
                admin.get("/api/v1/channels?size=1").json().get("total").asLong();

        for (String[] route : ADMIN_ROUTES) {
            for (String body : BAD_BODIES) {
                // when
                AdminApi.Reply reply = asUser.raw(route[0], route[1], body);

                // then
                assertThat(reply.status())
                        .as(route[0] + " " + route[1] + " with " + body + ": "
                                + reply.raw().body())
                        .isEqualTo(403);
                assertThat(reply.json().get("code").asText()).isEqualTo("admin_required");
            }
        }
        assertThat(admin.get("/api/v1/channels?size=1").json().get("total").asLong())
                .isEqualTo(channelsBefore);
    }

    @Test
    void givenAnAdmin_whenCallingAnAdminRouteWithABadBody_thenTheAnswerIsTheValidationError() {
        // given: an admin may learn the shape

        // when
        AdminApi.Reply reply = admin.raw("POST", "/api/v1/channels", "{\"surprise\":true}");

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.raw().body()).contains("surprise");
    }
}
