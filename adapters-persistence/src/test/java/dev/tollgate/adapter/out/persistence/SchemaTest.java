package dev.tollgate.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void givenTheLiquibaseChangelog_whenApplied_thenEveryPayloadColumnIsByteaAndNoneIsALargeObject() {
        // given
        var jdbc = PostgresTestSupport.jdbc();

        // when
        List<String> payloads = jdbc.queryForList("""
                select table_name || '.' || column_name || ':' || data_type from information_schema.columns
                where table_schema = 'public' and column_name in ('payload', 'meta_data', 'token', 'serialized_saga',
                    'ciphertext')
                order by 1""", String.class);
        Integer oidColumns = jdbc.queryForObject("""
                select count(*) from information_schema.columns
                where table_schema = 'public' and data_type = 'oid'""", Integer.class);

        // then
        assertThat(payloads).containsExactly(
                "channel_secret.ciphertext:bytea",
                "dead_letter_entry.meta_data:bytea",
                "dead_letter_entry.payload:bytea",
                "dead_letter_entry.token:bytea",
                "domain_event_entry.meta_data:bytea",
                "domain_event_entry.payload:bytea",
                "saga_entry.serialized_saga:bytea",
                "snapshot_event_entry.meta_data:bytea",
                "snapshot_event_entry.payload:bytea",
                "token_entry.token:bytea");
        assertThat(oidColumns).isZero();
    }
}
