package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.TollgateApplication;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;

/**
 * {@code tollgate.prices.load-defaults=true}: the shipped default price table is loaded at start for the models
 * without a price, before the port opens; a price an admin set in between survives the next start.
 */
class DefaultPricesOnStartEndToEndTest {

    private static ConfigurableApplicationContext start(Path dataDir, String rootPassword, boolean loadDefaults) {
        return new SpringApplicationBuilder(TollgateApplication.class)
                .run(
                        "--server.port=0",
                        "--tollgate.data-dir=" + dataDir,
                        "--tollgate.root-password=" + rootPassword,
                        "--spring.datasource.url=",
                        "--tollgate.db.url=",
                        "--tollgate.prices.load-defaults=" + loadDefaults);
    }

    private static int port(ConfigurableApplicationContext ctx) {
        return ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    @Test
    void givenLoadDefaultsOn_whenStartingTwice_thenTheTableIsLoadedAndAnAdminsPriceIsKept() {
        Assumptions.assumeFalse(
                dockerAvailable(), "the embedded database is only used when no Docker engine is available");
        // given
        Path dataDir = TestDatabase.newDataDir();
        String password = "prices-" + UUID.randomUUID();
        try (ConfigurableApplicationContext off = start(dataDir, password, false)) {
            AdminApi admin = new AdminApi(port(off)).loginAs("root", password);
            assertThat(admin.get("/api/v1/prices/gpt-4o").status()).isEqualTo(404);
        }

        // when: started with the setting, an admin changes a price, started again
        JsonNode first;
        try (ConfigurableApplicationContext on = start(dataDir, password, true)) {
            AdminApi admin = new AdminApi(port(on)).loginAs("root", password);
            first = admin.get("/api/v1/prices/gpt-4o").json();
            admin.setPrice("deepseek-chat", 135_000, 550_000);
        }
        try (ConfigurableApplicationContext again = start(dataDir, password, true)) {
            AdminApi admin = new AdminApi(port(again)).loginAs("root", password);

            // then
            assertThat(first.get("input").asLong()).isEqualTo(1_250_000);
            assertThat(first.get("output").asLong()).isEqualTo(5_000_000);
            JsonNode deepseek = admin.get("/api/v1/prices/deepseek-chat").json();
            assertThat(deepseek.get("input").asLong()).isEqualTo(135_000);
            assertThat(deepseek.get("output").asLong()).isEqualTo(550_000);
            assertThat(admin.get("/api/v1/prices").json().get("items").size()).isGreaterThanOrEqualTo(30);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
