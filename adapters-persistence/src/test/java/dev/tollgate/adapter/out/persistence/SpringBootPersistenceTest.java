package dev.tollgate.adapter.out.persistence;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the tests that run the module in Spring Boot on the shared test database (one cached context). */
@ExtendWith(EmbeddedPostgresSupport.class)
@SpringBootTest(classes = PersistenceTestApplication.class)
public abstract class SpringBootPersistenceTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgresSupport.register(registry);
    }
}
