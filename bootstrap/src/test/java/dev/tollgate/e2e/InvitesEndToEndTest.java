package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Invite codes: the invitee's bonus and the inviter's reward as ledger entries, the reward cap, the reward at the
 * first top-up exactly once even when top-ups race, unknown codes, invite-only registration, and usernames that stay
 * unique when registrations race.
 */
class InvitesEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    @AfterEach
    void resetSettings() {
        admin.put(
                "/api/v1/settings/incentives",
                Map.of(
                        "signupBonus",
                        0,
                        "checkInBonus",
                        0,
                        "inviteeBonus",
                        0,
                        "inviterReward",
                        0,
                        "inviterRewardOn",
                        "sign_up",
                        "inviterRewardCap",
                        0));
        admin.put("/api/v1/settings/registration", Map.of("mode", "closed"));
    }

    private record Member(String id, AdminApi api, String code) {}

    private Member member(String prefix) {
        String name = uniqueModel(prefix);
        String id = admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD))
                .json()
                .get("id")
                .asText();
        AdminApi api = new AdminApi(port).loginAs(name, PASSWORD);
        return new Member(
                id, api, api.get("/api/v1/users/me/invite").json().get("code").asText());
    }

    private AdminApi.Reply register(String name, String inviteCode) {
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "password", PASSWORD));
        if (inviteCode != null) {
            body.put("inviteCode", inviteCode);
        }
        return new AdminApi(port).post("/api/v1/auth/register", body);
    }

    private long balance(String userId) {
        return admin.get("/api/v1/users/" + userId + "/wallet")
                .json()
                .get("balance")
                .asLong();
    }

    @Test
    void
            givenInviteRewardsOnSignUpWithACapOfTwo_whenThreePeopleSignUpWithACode_thenEachGetsTheBonusAndTheInviterTwoRewards() {
        // given
        admin.put(
                "/api/v1/settings/incentives",
                Map.of(
                        "signupBonus",
                        0,
                        "checkInBonus",
                        0,
                        "inviteeBonus",
                        300,
                        "inviterReward",
                        500,
                        "inviterRewardOn",
                        "sign_up",
                        "inviterRewardCap",
                        2));
        admin.put("/api/v1/settings/registration", Map.of("mode", "open"));
        Member ivy = member("ivy");

        // when: one of them types the code in lower case with spaces
        List<String> invitees = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String code = i == 1 ? "  " + ivy.code().toLowerCase() + " " : ivy.code();
            AdminApi.Reply r = register(uniqueModel("invitee"), code);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            invitees.add(r.json().get("id").asText());
        }
        JsonNode invite = ivy.api().get("/api/v1/users/me/invite").json();
        JsonNode ledger = ivy.api().get("/api/v1/ledger?kind=incentive").json();

        // then
        assertThat(ivy.code()).matches("[2-9A-HJ-NP-Z]{10}");
        invitees.forEach(id -> assertThat(balance(id)).isEqualTo(300));
        assertThat(balance(ivy.id())).isEqualTo(1_000);
        assertThat(invite.get("invitees").asLong()).isEqualTo(3);
        assertThat(invite.get("rewardedInvitees").asLong()).isEqualTo(2);
        assertThat(invite.get("code").asText()).isEqualTo(ivy.code());
        assertThat(ledger.get("totals").get("entries").asLong()).isEqualTo(2);
        assertThat(ledger.get("entries").get(0).get("reason").asText())
                .startsWith("invite reward: invitee-")
                .endsWith("(sign up)");
        assertThat(ledger.get("entries").get(0).get("actor").asText()).isEqualTo("system");
        JsonNode inviteeLedger =
                admin.get("/api/v1/ledger?ownerId=" + invitees.get(0)).json();
        assertThat(inviteeLedger.get("entries").get(0).get("kind").asText()).isEqualTo("incentive");
        assertThat(inviteeLedger.get("entries").get(0).get("reason").asText()).isEqualTo("invitee bonus");
    }

    @Test
    void givenTheRewardAtTheFirstTopUp_whenTopUpsRace_thenTheInviterIsRewardedExactlyOnce() throws Exception {
        // given
        admin.put(
                "/api/v1/settings/incentives",
                Map.of(
                        "signupBonus",
                        0,
                        "checkInBonus",
                        0,
                        "inviteeBonus",
                        0,
                        "inviterReward",
                        700,
                        "inviterRewardOn",
                        "first_top_up",
                        "inviterRewardCap",
                        0));
        admin.put("/api/v1/settings/registration", Map.of("mode", "open"));
        Member ina = member("ina");
        String invitee =
                register(uniqueModel("late"), ina.code()).json().get("id").asText();
        long beforeTopUp = balance(ina.id());
        CountDownLatch start = new CountDownLatch(1);

        // when: eight top-ups of the invitee at the same moment
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                Callable<Integer> topUp = () -> {
                    start.await();
                    return admin.post(
                                    "/api/v1/users/" + invitee + "/wallet/credits",
                                    Map.of("amount", 100, "reason", "card payment"))
                            .status();
                };
                statuses.add(pool.submit(topUp));
            }
            start.countDown();
        }

        // then
        for (Future<Integer> f : statuses) {
            assertThat(f.get()).isEqualTo(200);
        }
        assertThat(beforeTopUp).isZero();
        assertThat(balance(ina.id())).isEqualTo(700);
        assertThat(balance(invitee)).isEqualTo(800);
        assertThat(ina.api()
                        .get("/api/v1/users/me/invite")
                        .json()
                        .get("rewardedInvitees")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void givenAnUnknownCodeOrInviteOnlyRegistration_whenRegistering_thenClearRefusalsAndNothingIsCreated() {
        // given
        Member ida = member("ida");
        String name = uniqueModel("hopeful");

        // when
        admin.put("/api/v1/settings/registration", Map.of("mode", "open"));
        AdminApi.Reply unknown = register(name, "ZZZZZZZZZZ");
        admin.put("/api/v1/settings/registration", Map.of("mode", "invite-only"));
        AdminApi.Reply without = register(name, null);
        AdminApi.Reply unknownInviteOnly = register(name, "not-a-code");
        AdminApi.Reply withCode = register(name, ida.code());
        admin.put("/api/v1/settings/registration", Map.of("mode", "closed"));
        AdminApi.Reply closed = register(uniqueModel("late"), ida.code());

        // then
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("the invite code is unknown");
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.json().get("code").asText()).isEqualTo("registration_closed");
        assertThat(unknownInviteOnly.status()).isEqualTo(400);
        assertThat(withCode.status())
                .as("nothing was created by the refused attempts")
                .isEqualTo(201);
        assertThat(closed.status()).isEqualTo(403);
        assertThat(ida.api()
                        .get("/api/v1/users/me/invite")
                        .json()
                        .get("invitees")
                        .asLong())
                .isEqualTo(1);
        assertThat(admin.put(
                                "/api/v1/settings/incentives",
                                Map.of("signupBonus", 0, "checkInBonus", 0, "inviterRewardOn", "whenever"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.put(
                                "/api/v1/settings/incentives",
                                Map.of("signupBonus", 0, "checkInBonus", 0, "inviterRewardCap", -1))
                        .status())
                .isEqualTo(400);
        assertThat(ida.api()
                        .put(
                                "/api/v1/settings/incentives",
                                Map.of("signupBonus", 0, "checkInBonus", 0, "inviterReward", 1_000_000))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void givenTwelveRegistrationsOfOneUsernameAtTheSameMoment_thenExactlyOneSucceeds() throws Exception {
        // given: self-registrations and admin creations of one name (in another case), all at once
        admin.put("/api/v1/settings/registration", Map.of("mode", "open"));
        String name = uniqueModel("twin");
        CountDownLatch start = new CountDownLatch(1);

        // when
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                boolean byAdmin = i % 2 == 0;
                Callable<Integer> attempt = () -> {
                    start.await();
                    return byAdmin
                            ? admin.post("/api/v1/users", Map.of("username", name.toUpperCase(), "password", PASSWORD))
                                    .status()
                            : register(name, null).status();
                };
                statuses.add(pool.submit(attempt));
            }
            start.countDown();
        }

        // then
        int created = 0;
        for (Future<Integer> f : statuses) {
            assertThat(f.get()).isIn(201, 409);
            created += f.get() == 201 ? 1 : 0;
        }
        assertThat(created).isEqualTo(1);
        // the list of users is a projection a few milliseconds behind the commands (ADR 12)
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> named(name) >= 1);
        assertThat(named(name)).isEqualTo(1);
    }

    private long named(String name) {
        long named = 0;
        for (JsonNode u : admin.get("/api/v1/users?size=500").json().get("items")) {
            named += u.get("username").asText().equalsIgnoreCase(name) ? 1 : 0;
        }
        return named;
    }
}
