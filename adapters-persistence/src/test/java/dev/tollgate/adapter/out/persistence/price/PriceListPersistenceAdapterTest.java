package dev.tollgate.adapter.out.persistence.price;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.persistence.ReadSideJpaConfiguration;
import dev.tollgate.adapter.out.persistence.SpringBootPersistenceTest;
import dev.tollgate.adapter.out.persistence.StatementCounter;
import dev.tollgate.application.billing.port.in.PriceView;
import dev.tollgate.application.billing.port.out.PriceListPort;
import dev.tollgate.application.common.TextSearch;
import dev.tollgate.domain.billing.event.ModelPriceSetEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The list of model prices on the real schema, kept by {@link PriceListProjection} in JPA transactions: a page of 100
 * is one statement and its total another, by model name; a price set again replaces the row; the model filter takes
 * wildcards literally.
 */
@TestPropertySource(
        properties = "spring.jpa.properties.hibernate.session_factory.statement_inspector="
                + "dev.tollgate.adapter.out.persistence.StatementCounter")
class PriceListPersistenceAdapterTest extends SpringBootPersistenceTest {
    private static final int MODELS = 130;
    private static final Instant BASE = Instant.parse("2026-05-01T00:00:00Z");

    @Autowired
    PriceListPort lists;

    @Autowired
    PriceListProjection projection;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(ReadSideJpaConfiguration.TRANSACTION_MANAGER)
    PlatformTransactionManager jpa;

    @BeforeEach
    void prices() {
        // given: model-000..model-129 and two models with '/', '_' and '.' in their names, set in reverse order
        jdbc.update("delete from price_listing");
        inJpa(() -> {
            for (int i = MODELS - 1; i >= 0; i--) {
                projection.on(new ModelPriceSetEvent("model-%03d".formatted(i), i, 2L * i, "user:root", BASE));
            }
            projection.on(new ModelPriceSetEvent("deepseek-ai/DeepSeek-V3", 135_000, 550_000, "user:root", BASE));
            projection.on(new ModelPriceSetEvent("qwen_2.5:7b", 10, 20, 3, 4, 5, "user:root", BASE, 6L, 7L, 8L, 9L));
        });
    }

    @Test
    void givenManyPrices_whenAPageOf100AndTheTotalAreRead_thenTwoStatementsByModel() {
        // when
        StatementCounter.reset();
        List<PriceView> page = lists.find(TextSearch.NONE, 0, 100);
        long total = lists.count(TextSearch.NONE);
        int statements = StatementCounter.count();
        List<PriceView> rest = lists.find(TextSearch.NONE, 100, 100);

        // then
        assertThat(statements).isEqualTo(2);
        assertThat(total).isEqualTo(MODELS + 2);
        assertThat(page).hasSize(100);
        assertThat(page.get(0)).isEqualTo(new PriceView("deepseek-ai/DeepSeek-V3", 135_000, 550_000, BASE));
        assertThat(page.get(1).model()).isEqualTo("model-000");
        assertThat(page).isSortedAccordingTo((a, b) -> a.model().compareTo(b.model()));
        assertThat(rest).hasSize(MODELS + 2 - 100);
        assertThat(rest.get(rest.size() - 1))
                .isEqualTo(new PriceView("qwen_2.5:7b", 10, 20, 3, 4, 5, BASE, 6, 7, 8, 9));
    }

    @Test
    void givenAPriceSetAgain_whenListed_thenTheRowIsReplaced() {
        // given
        Instant later = BASE.plusSeconds(60);

        // when: a new price, then the whole stream of one model replayed
        inJpa(() -> {
            projection.on(new ModelPriceSetEvent("model-007", 70, 80, "user:root", later));
            projection.on(new ModelPriceSetEvent("deepseek-ai/DeepSeek-V3", 135_000, 550_000, "user:root", BASE));
        });

        // then
        assertThat(lists.find(new TextSearch("model-007"), 0, 10))
                .containsExactly(new PriceView("model-007", 70, 80, later));
        assertThat(lists.count(TextSearch.NONE)).isEqualTo(MODELS + 2);
    }

    @Test
    void givenModelNames_whenSearched_thenCaseInsensitiveAndWildcardsLiteral() {
        // when
        List<PriceView> deepseek = lists.find(new TextSearch("DEEPSEEK"), 0, 10);
        List<PriceView> underscore = lists.find(new TextSearch("_"), 0, 10);
        long tens = lists.count(new TextSearch("model-01"));

        // then
        assertThat(deepseek).extracting(PriceView::model).containsExactly("deepseek-ai/DeepSeek-V3");
        assertThat(underscore).extracting(PriceView::model).containsExactly("qwen_2.5:7b");
        assertThat(tens).isEqualTo(10);
    }

    private void inJpa(Runnable work) {
        new TransactionTemplate(jpa).executeWithoutResult(status -> work.run());
    }
}
