package dev.tollgate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts Tollgate: the admin API and the relay on one port (3000 by default). Scans only the wiring and the
 * adapters: the domain and application classes are plain Java, created as beans by {@code dev.tollgate.config}.
 */
@SpringBootApplication(scanBasePackages = {"dev.tollgate.config", "dev.tollgate.adapter"})
public class TollgateApplication {
    public static void main(String[] args) {
        // Axon prints an advertisement banner at start unless told not to.
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(TollgateApplication.class, args);
    }
}
