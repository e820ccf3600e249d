package dev.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.config.ConfigurationReference.Property;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * docs/configuration.md's table is the configuration metadata of the {@code @ConfigurationProperties} records, and
 * application.yml agrees with it. After changing a record, {@code mvn -pl bootstrap test
 * -Dtest=ConfigurationReferenceTest -Dtollgate.docs.update=true} rewrites the table.
 */
class ConfigurationReferenceTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void givenTheMetadata_whenRenderedAsATable_thenDocsConfigurationMdHoldsThatTable() throws IOException {
        // given
        Map<String, Property> properties = ConfigurationReference.properties();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(ConfigurationReference.BEGIN);
        int end = doc.indexOf(ConfigurationReference.END);
        assertThat(begin)
                .as("docs/configuration.md has the generated section's markers")
                .isNotNegative();
        assertThat(end).isGreaterThan(begin);

        // when
        String expected = "\n" + ConfigurationReference.table(properties);
        String documented = doc.substring(begin + ConfigurationReference.BEGIN.length(), end);

        // then
        if (!documented.equals(expected) && Boolean.getBoolean("tollgate.docs.update")) {
            Files.writeString(
                    DOC,
                    doc.substring(0, begin + ConfigurationReference.BEGIN.length()) + expected + doc.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(documented)
                .as("docs/configuration.md differs from the configuration metadata: rerun this test with "
                        + "-Dtollgate.docs.update=true to rewrite its table")
                .isEqualTo(expected);
    }

    @Test
    void givenTheMetadata_whenRead_thenEveryPropertySaysWhatItDoes() {
        // given
        Map<String, Property> properties = ConfigurationReference.properties();

        // when
        List<String> undocumented = properties.values().stream()
                .filter(p -> p.description().isBlank())
                .map(Property::name)
                .toList();

        // then
        assertThat(properties)
                .as("the records of every module are on the class path")
                .containsKeys(
                        "tollgate.billing.max-batch",
                        "tollgate.auth.token-ttl",
                        "tollgate.data-dir",
                        "tollgate.relay.trusted-proxies",
                        "tollgate.events.fetch-delay");
        assertThat(undocumented).as("properties without a @param description").isEmpty();
    }

    @Test
    void givenApplicationYml_whenItSetsATollgateProperty_thenThePropertyExistsAndItsDefaultIsTheRecords() {
        // given
        Map<String, Property> properties = ConfigurationReference.properties();
        Properties yaml = ConfigurationReference.applicationYaml();

        // when
        List<String> unknown = new ArrayList<>();
        List<String> disagreeing = new ArrayList<>();
        for (String key : yaml.stringPropertyNames()) {
            if (!key.startsWith("tollgate.")) {
                continue;
            }
            Property property = properties.get(key.replaceAll("\\[\\d+]$", ""));
            if (property == null) {
                unknown.add(key);
            } else if (!sameValue(property, ConfigurationReference.yamlDefault(yaml, key))) {
                disagreeing.add(key + ": application.yml " + ConfigurationReference.yamlDefault(yaml, key) + ", record "
                        + property.defaultValue());
            }
        }

        // then
        assertThat(unknown)
                .as("tollgate.* keys of application.yml that no @ConfigurationProperties record binds")
                .isEmpty();
        assertThat(disagreeing).as("defaults written twice that differ").isEmpty();
    }

    private static boolean sameValue(Property property, String yamlValue) {
        String recordValue = property.defaultValue();
        if (property.type().equals("java.time.Duration") && !yamlValue.isEmpty() && !recordValue.isEmpty()) {
            Duration a = DurationStyle.detectAndParse(yamlValue);
            return a.equals(DurationStyle.detectAndParse(recordValue));
        }
        return yamlValue.toLowerCase(Locale.ROOT).equals(recordValue.toLowerCase(Locale.ROOT));
    }
}
