package dev.tollgate.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tollgate.TollgateApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts the whole application once (shared by the end-to-end test classes) on a random port, on a real PostgreSQL,
 * with two fake upstream providers. Tests isolate themselves by using model names of their own.
 */
@SpringBootTest(classes = TollgateApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
abstract class EndToEndTestBase {
    static final String ROOT_PASSWORD = "e2e-" + UUID.randomUUID();
    static final Path DATA_DIR = TestDatabase.newDataDir();
    static final FakeOpenAiUpstream UPSTREAM = start();
    static final FakeOpenAiUpstream SECOND_UPSTREAM = start();
    private static final AtomicInteger MODELS = new AtomicInteger();
    /** A real local SMTP server: the application mails its codes (e-mail verification, password reset) there. */
    static final GreenMail SMTP = startSmtp();

    @LocalServerPort
    int port;

    AdminApi admin;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry, DATA_DIR);
        registry.add("tollgate.root-password", () -> ROOT_PASSWORD);
        // the fake upstreams listen on 127.0.0.1: private channels may use that host (and only as written so)
        registry.add("tollgate.channels.private-hosts-allowed", () -> "127.0.0.1");
        registry.add("tollgate.mail.host", () -> "127.0.0.1");
        registry.add("tollgate.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("tollgate.mail.starttls", () -> "false");
        registry.add("tollgate.mail.from", () -> "gateway@example.test");
        // every test registers its users from 127.0.0.1; RegistrationHardeningEndToEndTest tests the per-address limit
        registry.add("tollgate.registration.max-per-address", () -> "10000");
        // the JPA read side's statements, counted by AdminListStatementsEndToEndTest (no N+1 on a page of 100)
        registry.add(
                "spring.jpa.properties.hibernate.session_factory.statement_inspector",
                HibernateStatements.class::getName);
    }

    @BeforeEach
    void signIn() {
        admin = new AdminApi(port).loginAs("root", ROOT_PASSWORD);
    }

    static String uniqueModel(String prefix) {
        return prefix + "-" + MODELS.incrementAndGet();
    }

    String relayBase() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }

    private static FakeOpenAiUpstream start() {
        try {
            return new FakeOpenAiUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
