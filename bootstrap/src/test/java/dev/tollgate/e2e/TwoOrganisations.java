package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * The cast of the tenancy tests, made through the admin API: organisation Alpha with alice (OWNER), dave (ADMIN) and
 * bob (MEMBER), organisation Beta with carol (OWNER). Usernames are unique per call.
 */
record TwoOrganisations(Person alice, Person dave, Person bob, Person carol, String alpha, String beta) {
    static final String PASSWORD = "correct-horse-battery-1";

    /** A user and a signed-in admin API of theirs. */
    record Person(String id, String username, AdminApi api) {}

    /** A new user with {@code role} (USER, ADMIN), signed in. */
    static Person person(AdminApi admin, int port, String username, String role) {
        AdminApi.Reply r =
                admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD, "role", role));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new Person(r.json().get("id").asText(), username, new AdminApi(port).loginAs(username, PASSWORD));
    }

    static TwoOrganisations create(AdminApi admin, int port, String prefix) {
        Person alice = person(admin, port, EndToEndTestBase.uniqueModel(prefix + "-owner"), "USER");
        Person dave = person(admin, port, EndToEndTestBase.uniqueModel(prefix + "-admin"), "USER");
        Person bob = person(admin, port, EndToEndTestBase.uniqueModel(prefix + "-member"), "USER");
        Person carol = person(admin, port, EndToEndTestBase.uniqueModel(prefix + "-other"), "USER");
        String alpha = alice.api()
                .post("/api/v1/organizations", Map.of("name", "Alpha"))
                .json()
                .get("id")
                .asText();
        String beta = carol.api()
                .post("/api/v1/organizations", Map.of("name", "Beta"))
                .json()
                .get("id")
                .asText();
        assertThat(alice.api()
                        .post(
                                "/api/v1/organizations/" + alpha + "/members",
                                Map.of("username", dave.username(), "role", "ADMIN"))
                        .status())
                .isEqualTo(201);
        assertThat(alice.api()
                        .post("/api/v1/organizations/" + alpha + "/members", Map.of("username", bob.username()))
                        .status())
                .isEqualTo(201);
        return new TwoOrganisations(alice, dave, bob, carol, alpha, beta);
    }
}
