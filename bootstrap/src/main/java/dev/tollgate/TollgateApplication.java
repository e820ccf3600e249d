package dev.tollgate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
            Logger console = LoggerFactory.getLogger("dev.tollgate.import");
            System.exit(ImportCommand.run(args, console::info, console::error));
        }
        SpringApplication.run(TollgateApplication.class, args);
    }
}
