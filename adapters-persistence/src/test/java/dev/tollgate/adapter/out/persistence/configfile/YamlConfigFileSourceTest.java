package dev.tollgate.adapter.out.persistence.configfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.application.billing.port.in.Incentives;
import dev.tollgate.application.configfile.port.out.ChannelSpec;
import dev.tollgate.application.configfile.port.out.ConfigProblem;
import dev.tollgate.application.configfile.port.out.DeclaredState;
import dev.tollgate.application.configfile.port.out.ParsedConfigFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and writing {@code tollgate.yaml}: values, defaults, variables, and each problem with its line. */
class YamlConfigFileSourceTest {
    private static final Map<String, String> VARIABLES = Map.of("DEEPSEEK_KEY", "sk-deepseek-secret");

    @TempDir
    Path dir;

    private ParsedConfigFile read(String text) throws IOException {
        Path file = dir.resolve("tollgate.yaml");
        Files.writeString(file, text);
        return new YamlConfigFileSource(file, VARIABLES::get, 64 * 1024).read();
    }

    @Test
    void givenAValidFile_whenRead_thenEveryEntryHasItsValuesDefaultsAndResolvedKeys() throws IOException {
        // given
        String text = """
                version: 1
                channels:
                  deepseek:
                    type: openai
                    baseUrl: https://api.deepseek.com
                    keys: ["${DEEPSEEK_KEY}"]
                    models: [deepseek-chat]
                prices:
                  deepseek-chat: {input: 135000, output: 550000}
                groupMultipliers:
                  vip: 1.5
                organizations:
                  Team A:
                    groups: [vip]
                    rpm: 600
                settings:
                  registration: invite-only
                  incentives: {signupBonus: 50000}
                """;

        // when
        ParsedConfigFile parsed = read(text);

        // then
        assertThat(parsed.problems()).isEmpty();
        DeclaredState d = parsed.state();
        ChannelSpec deepseek = d.channels().get("deepseek");
        assertThat(deepseek.keys()).containsExactly("sk-deepseek-secret");
        assertThat(deepseek.groups()).containsExactly("default");
        assertThat(deepseek.weight()).isEqualTo(1);
        assertThat(deepseek.status()).isEqualTo("enabled");
        assertThat(d.prices().get("deepseek-chat").cachedInput()).isEqualTo(135000);
        assertThat(d.groupMultipliers().get("vip")).isEqualByComparingTo("1.5");
        assertThat(d.organizations().get("Team A").rpm()).isEqualTo(600);
        assertThat(d.organizations().get("Team A").status()).isEqualTo("enabled");
        assertThat(d.registration()).isEqualTo("invite-only");
        assertThat(d.incentives()).isEqualTo(new Incentives(50000, 0, 0, 0, "sign_up", 0));
        assertThat(d.line("channels", "deepseek")).isEqualTo(3);
        assertThat(d.line("organizations", "Team A")).isEqualTo(13);
    }

    @Test
    void givenAVariableNobodySet_whenRead_thenTheFileIsRefusedWithTheLineOfTheReference() throws IOException {
        // when
        ParsedConfigFile parsed = read("""
                version: 1
                channels:
                  openai:
                    type: openai
                    models: [gpt-4o-mini]
                    keys:
                      - "${OPENAI_KEY}"
                """);

        // then
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.state()).isNull();
        assertThat(parsed.problems())
                .containsExactly(new ConfigProblem(7, "channels.openai.keys: variable OPENAI_KEY is not set"));
    }

    @Test
    void givenASyntaxError_whenRead_thenItsLineIsReported() throws IOException {
        // when
        ParsedConfigFile parsed = read("version: 1\nprices:\n  a: {input: 1, output: 2\n  b: {input: 1}\n");

        // then
        assertThat(parsed.problems()).hasSize(1);
        assertThat(parsed.problems().getFirst().line()).isEqualTo(4);
        assertThat(parsed.problems().getFirst().reason()).startsWith("YAML syntax");
    }

    @Test
    void givenWrongShapes_whenRead_thenEveryProblemIsReportedWithItsOwnLine() throws IOException {
        // when
        ParsedConfigFile parsed = read("""
                version: 1
                channels:
                  a:
                    type: openai
                    keys: ["k"]
                    models: [m]
                    wieght: 2
                  b:
                    keys: ["k"]
                    models: [m]
                    priority: high
                  a:
                    type: openai
                prices:
                  m: {input: 1}
                """);

        // then
        assertThat(parsed.problems()).extracting(ConfigProblem::line).containsExactlyInAnyOrder(7, 9, 11, 12, 15);
        assertThat(parsed.problems())
                .extracting(ConfigProblem::reason)
                .anyMatch(r -> r.contains("unknown field " + "'wieght'"))
                .anyMatch(r -> r.contains("'a' is declared twice"))
                .anyMatch(r -> r.contains("type is required"))
                .anyMatch(r -> r.contains("priority must be a whole"))
                .anyMatch(r -> r.contains("input and output"));
    }

    @Test
    void givenAnEmptyOrUnversionedFile_whenRead_thenItIsRefusedRatherThanReadAsNothingDeclared() throws IOException {
        assertThat(read("").problems())
                .extracting(ConfigProblem::reason)
                .containsExactly("the file is empty: it must start with 'version: 1'");
        assertThat(read("channels: {}\n").problems())
                .extracting(ConfigProblem::reason)
                .containsExactly("the file must start with 'version: 1'");
        assertThat(read("version: 2\n").problems())
                .extracting(ConfigProblem::reason)
                .containsExactly("version must be 1");
    }

    @Test
    void givenAFileOverTheBound_whenRead_thenItIsRefusedUnread() throws IOException {
        // when
        ParsedConfigFile parsed = read("version: 1\n# " + "x".repeat(70 * 1024) + "\n");

        // then
        assertThat(parsed.problems())
                .singleElement()
                .extracting(ConfigProblem::reason)
                .asString()
                .contains("larger than 65536 bytes");
    }

    @Test
    void givenADeclaredState_whenWrittenAndReadBack_thenItIsTheSameState() throws IOException {
        // given
        DeclaredState written = read("""
                version: 1
                channels:
                  deepseek:
                    type: openai
                    baseUrl: https://api.deepseek.com
                    keys: ["${DEEPSEEK_KEY}"]
                    models: [deepseek-chat, deepseek-reasoner]
                    modelMapping: {deepseek-chat: deepseek-v3}
                    maxConcurrency: 4
                    status: disabled
                prices:
                  deepseek-chat: {input: 135000, output: 550000, cachedInput: 35000, perRequest: 3}
                groupMultipliers: {vip: 1.25, free: 0}
                organizations:
                  "团队 A": {status: disabled, groups: [vip], models: [deepseek-chat], tpm: 1000}
                settings:
                  registration: closed
                  incentives: {signupBonus: 1, checkInBonus: 2, inviteeBonus: 3, inviterReward: 4,
                               inviterRewardOn: first_top_up, inviterRewardCap: 5}
                """).state();

        // when
        ParsedConfigFile again = read(new YamlConfigFileWriter().write(written));

        // then
        assertThat(again.problems()).isEmpty();
        DeclaredState d = again.state();
        assertThat(d.channels()).isEqualTo(written.channels());
        assertThat(d.prices()).isEqualTo(written.prices());
        assertThat(d.organizations()).isEqualTo(written.organizations());
        assertThat(d.groupMultipliers())
                .hasSize(2)
                .allSatisfy((group, m) -> assertThat(m)
                        .isEqualByComparingTo(written.groupMultipliers().get(group)));
        assertThat(d.groupMultipliers().get("free")).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(d.registration()).isEqualTo("closed");
        assertThat(d.incentives()).isEqualTo(written.incentives());
    }
}
