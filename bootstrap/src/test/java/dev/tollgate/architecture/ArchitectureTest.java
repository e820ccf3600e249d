package dev.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@link ArchitectureRules} against the production classes of all modules. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tollgate");
    }

    static Stream<Arguments> rules() {
        return ArchitectureRules.all().entrySet().stream().map(rule -> Arguments.of(rule.getKey(), rule.getValue()));
    }

    @Test
    void givenProductionImport_whenInspected_thenItHoldsDomainApplicationAndBootstrapButNoTestClasses() {
        // given
        JavaClasses classes = production;

        // when
        Stream<String> packages = classes.stream().map(JavaClass::getPackageName);

        // then
        assertThat(classes.contain("dev.tollgate.domain.channel.Channel")).isTrue();
        assertThat(classes.contain("dev.tollgate.application.channel.service.ChannelService"))
                .isTrue();
        assertThat(classes.contain("dev.tollgate.TollgateApplication")).isTrue();
        assertThat(packages)
                .noneMatch(name ->
                        name.startsWith("dev.tollgate.archfixture") || name.startsWith("dev.tollgate.architecture"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void givenProductionClasses_whenRuleChecked_thenNoViolation(String name, ArchRule rule) {
        // given
        JavaClasses classes = production;

        // when
        Throwable violation = catchThrowable(() -> rule.check(classes));

        // then
        assertThat(violation).as(name).isNull();
    }
}
