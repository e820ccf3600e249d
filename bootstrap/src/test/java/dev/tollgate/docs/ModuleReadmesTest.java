package dev.tollgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module READMEs name every port and every table, so that a reader finds each in its module's page. */
class ModuleReadmesTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create table (?:if not exists )?([a-z_]+)");

    private static List<String> missingFrom(Path readme, List<String> names) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        return names.stream()
                .filter(name -> !Pattern.compile("\\b" + Pattern.quote(name) + "\\b")
                        .matcher(text)
                        .find())
                .toList();
    }

    @Test
    void givenTheApplicationsPorts_whenTheReadmeIsRead_thenItNamesEveryOne() throws IOException {
        // given
        List<String> ports;
        try (Stream<Path> files = Files.walk(ROOT.resolve("application/src/main/java"))) {
            ports = files.filter(f ->
                            f.toString().contains("/port/in/") || f.toString().contains("/port/out/"))
                    .map(f -> f.getFileName().toString().replace(".java", ""))
                    .filter(name -> name.endsWith("UseCase") || name.endsWith("Port"))
                    .sorted()
                    .toList();
        }

        // when
        List<String> missing = missingFrom(ROOT.resolve("application/README.md"), ports);

        // then
        assertThat(ports).hasSizeGreaterThan(40);
        assertThat(missing).as("ports that application/README.md does not name").isEmpty();
    }

    @Test
    void givenTheLiquibaseChangelog_whenThePersistenceReadmeIsRead_thenItNamesEveryTable() throws IOException {
        // given
        List<String> tables;
        try (Stream<Path> files = Files.list(ROOT.resolve("adapters-persistence/src/main/resources/db/changelog"))) {
            tables = files.filter(f -> f.toString().endsWith(".sql"))
                    .flatMap(f -> {
                        try {
                            Matcher m = CREATE_TABLE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                            return m.results().map(r -> r.group(1).toLowerCase(Locale.ROOT)).toList().stream();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .distinct()
                    .sorted()
                    .toList();
        }

        // when
        List<String> missing = missingFrom(ROOT.resolve("adapters-persistence/README.md"), tables);

        // then
        assertThat(tables).hasSizeGreaterThan(20);
        assertThat(missing)
                .as("tables that adapters-persistence/README.md does not name")
                .isEmpty();
    }
}
