package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The sign-up bonus and the daily check-in: each a ledger entry, the check-in once a day even when requests race. */
class IncentivesEndToEndTest extends EndToEndTestBase {
    private static final String PASSWORD = "correct-horse-battery-1";

    @Test
    void givenIncentives_whenAUserRegistersAndChecksInRepeatedly_thenTheBonusesArriveOnce() throws Exception {
        // given
        admin.put("/api/v1/settings/incentives", Map.of("signupBonus", 1_000, "checkInBonus", 25));
        admin.put("/api/v1/settings/registration", Map.of("mode", "open"));
        String name = uniqueModel("newcomer");
        AdminApi anonymous = new AdminApi(port);
        String id;
        try {
            id = anonymous
                    .post("/api/v1/auth/register", Map.of("username", name, "password", PASSWORD))
                    .json()
                    .get("id")
                    .asText();
        } finally {
            admin.put("/api/v1/settings/registration", Map.of("mode", "closed"));
        }
        AdminApi user = new AdminApi(port).loginAs(name, PASSWORD);
        String wallet = "/api/v1/users/" + id + "/wallet";
        long afterSignUp = user.get(wallet).json().get("balance").asLong();
        CountDownLatch start = new CountDownLatch(1);

        // when: ten check-ins at the same moment, then one more
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                Callable<Integer> checkIn = () -> {
                    start.await();
                    return user.post("/api/v1/check-in", Map.of()).status();
                };
                statuses.add(pool.submit(checkIn));
            }
            start.countDown();
        }
        int again = user.post("/api/v1/check-in", Map.of()).status();

        // then
        assertThat(afterSignUp).isEqualTo(1_000);
        int ok = 0;
        for (Future<Integer> f : statuses) {
            int s = f.get();
            assertThat(s).isIn(200, 409);
            ok += s == 200 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(1);
        assertThat(again).isEqualTo(409);
        assertThat(user.get(wallet).json().get("balance").asLong()).isEqualTo(1_025);
        admin.put("/api/v1/settings/incentives", Map.of("signupBonus", 0, "checkInBonus", 0));
    }

    @Test
    void givenAUser_whenSettingIncentives_then403AndAnAbsurdBonusIs400() {
        String name = uniqueModel("plain");
        admin.post("/api/v1/users", Map.of("username", name, "password", PASSWORD));
        AdminApi user = new AdminApi(port).loginAs(name, PASSWORD);

        assertThat(user.put("/api/v1/settings/incentives", Map.of("signupBonus", 1, "checkInBonus", 1))
                        .status())
                .isEqualTo(403);
        assertThat(admin.put("/api/v1/settings/incentives", Map.of("signupBonus", 10_000_000_000L, "checkInBonus", 1))
                        .status())
                .isEqualTo(400);
    }
}
