package dev.tollgate;

import dev.tollgate.application.common.Caller;
import dev.tollgate.application.migration.port.in.ImportOneApiUseCase;
import dev.tollgate.application.migration.port.in.ImportReport;
import dev.tollgate.domain.account.UserId;
import dev.tollgate.domain.common.DomainException;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar tollgate.jar import one-api --source <JDBC URL or SQLite file> [--dry-run]}: starts Tollgate on
 * its database without listening on any port, imports, prints progress and the report, and exits (0: done; 1: bad
 * arguments or an unreadable source; 2: some rows failed). Stop a running Tollgate that uses the same embedded
 * database first. Progress and report go to the logger {@code dev.tollgate.import} (the console by default).
 */
final class ImportCommand {
    static final String USAGE = "usage: import one-api --source <jdbc:sqlite:|jdbc:postgresql:|jdbc:mysql: URL, "
            + "or the path of one-api's SQLite file> [--dry-run] [--<setting>=<value> …]";

    private ImportCommand() {}

    /** @param settings Spring-style {@code --name=value} settings for the Tollgate started to import */
    record Arguments(String source, boolean dryRun, List<String> settings) {}

    /** The arguments after {@code import}; null (with the reason printed) when they are wrong. */
    static Arguments parse(String[] args, Consumer<String> err) {
        if (args.length < 2 || !"one-api".equals(args[1])) {
            err.accept(USAGE);
            return null;
        }
        String source = null;
        boolean dryRun = false;
        List<String> settings = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--source" -> {
                    if (i + 1 >= args.length) {
                        err.accept("--source needs a value\n" + USAGE);
                        return null;
                    }
                    source = args[++i];
                }
                default -> {
                    if (args[i].startsWith("--source=")) {
                        source = args[i].substring("--source=".length());
                    } else if (args[i].startsWith("--") && args[i].indexOf('=') > 2) {
                        settings.add(args[i]);
                    } else {
                        err.accept("unknown argument " + args[i] + "\n" + USAGE);
                        return null;
                    }
                }
            }
        }
        if (source == null || source.isBlank()) {
            err.accept("--source is required\n" + USAGE);
            return null;
        }
        return new Arguments(source, dryRun, List.copyOf(settings));
    }

    static int run(String[] args, Consumer<String> out, Consumer<String> err) {
        Arguments a = parse(args, err);
        if (a == null) {
            return 1;
        }
        SpringApplication app = new SpringApplication(TollgateApplication.class);
        // the web server is created but never listens: the import is all this process does
        app.setDefaultProperties(Map.of("server.port", "-1"));
        try (ConfigurableApplicationContext context = app.run(a.settings().toArray(String[]::new))) {
            ImportOneApiUseCase imports = context.getBean(ImportOneApiUseCase.class);
            ImportReport report = imports.importOneApi(
                    a.source(), a.dryRun(), m -> out.accept("[import] " + m), new Caller(UserId.ROOT.value(), true));
            out.accept(report.render());
            return report.anyFailed() ? 2 : 0;
        } catch (InvalidValueException | DomainException e) {
            err.accept("import refused: " + e.getMessage());
            return 1;
        }
    }
}
