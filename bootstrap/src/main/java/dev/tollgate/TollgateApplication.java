package dev.tollgate;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts Tollgate: the admin API and the relay on one port (3000 by default). Scans only the wiring and the
 * adapters: the domain and application classes are plain Java, created as beans by {@code dev.tollgate.config}.
 * {@code import one-api …} runs an import instead and exits ({@link ImportCommand}).
 */
@SpringBootApplication(scanBasePackages = {"dev.tollgate.config", "dev.tollgate.adapter"})
public class TollgateApplication {
    public static void main(String[] args) {
        // Axon prints an advertisement banner at start unless told not to.
        System.setProperty("disable-axoniq-console-message", "true");
        if (args.length > 0 && "import".equals(args[0])) {
            System.exit(ImportCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(TollgateApplication.class, args);
    }
}
