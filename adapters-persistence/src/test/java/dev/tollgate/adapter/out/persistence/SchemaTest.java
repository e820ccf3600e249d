package dev.tollgate.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(EmbeddedPostgresSupport.class)
class SchemaTest {
    private final JdbcTemplate jdbc = EmbeddedPostgresSupport.jdbc();

    private List<String> columnsOfType(String dataType) {
        return jdbc.queryForList("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and data_type = ? and table_name not like 'databasechangelog%'
                order by 1""", String.class, dataType);
    }

    @Test
    void givenTheLiquibaseChangelog_whenApplied_thenEveryTableOfAxonAndTollgateExists() {
        // when
        List<String> tables = jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_name not like 'databasechangelog%' order by 1""", String.class);

        // then
        assertThat(tables)
                .containsExactly(
                        "association_value_entry",
                        "audit_entry",
                        "billing_node",
                        "channel_listing",
                        "channel_secret",
                        "config_file_applied",
                        "config_managed_resource",
                        "dead_letter_entry",
                        "domain_event_entry",
                        "email_code",
                        "external_identity",
                        "idempotency_record",
                        "import_record",
                        "notification_setting",
                        "notification_webhook",
                        "oauth_authorization_request",
                        "open_reservation",
                        "organization_listing",
                        "organization_membership",
                        "price_listing",
                        "quota_allowance",
                        "quota_pool",
                        "quota_spent",
                        "rate_limit_bucket",
                        "redemption_batch_listing",
                        "redemption_code_listing",
                        "request_event_entry",
                        "saga_entry",
                        "setting",
                        "shared_organization",
                        "sign_in_code",
                        "snapshot_event_entry",
                        "stored_response",
                        "token_entry",
                        "token_last_used",
                        "token_listing",
                        "usage_daily",
                        "usage_record",
                        "usage_retention",
                        "user_account",
                        "username_claim",
                        "wallet_entry");
    }

    @Test
    void givenTheLiquibaseChangelog_whenApplied_thenEveryPayloadColumnIsByteaAndNoneIsALargeObject() {
        // when
        List<String> bytea = columnsOfType("bytea");
        List<String> largeObjects = columnsOfType("oid");

        // then
        assertThat(bytea)
                .containsExactly(
                        "channel_secret.ciphertext",
                        "channel_secret.nonce",
                        "dead_letter_entry.diagnostics",
                        "dead_letter_entry.meta_data",
                        "dead_letter_entry.payload",
                        "dead_letter_entry.token",
                        "domain_event_entry.meta_data",
                        "domain_event_entry.payload",
                        "idempotency_record.body",
                        "rate_limit_bucket.state",
                        "request_event_entry.meta_data",
                        "request_event_entry.payload",
                        "saga_entry.serialized_saga",
                        "snapshot_event_entry.meta_data",
                        "snapshot_event_entry.payload",
                        "token_entry.token");
        assertThat(largeObjects).isEmpty();
    }

    @Test
    void givenTheLiquibaseChangelog_whenApplied_thenAxonTimestampsAreTextAndTollgateTimestampsAreUtcInstants() {
        // when
        List<String> instants = columnsOfType("timestamp with time zone");
        List<String> zoneless = columnsOfType("timestamp without time zone");
        List<String> axonTimes = jdbc.queryForList("""
                select table_name || '.' || column_name || ':' || data_type from information_schema.columns
                where table_schema = 'public' and column_name in ('time_stamp', 'timestamp', 'enqueued_at',
                    'last_touched', 'processing_started')
                order by 1""", String.class);

        // then
        assertThat(instants)
                .containsExactly(
                        "audit_entry.at",
                        "billing_node.seen_at",
                        "billing_node.started_at",
                        "channel_listing.created_at",
                        "channel_listing.updated_at",
                        "channel_secret.updated_at",
                        "config_file_applied.applied_at",
                        "config_managed_resource.updated_at",
                        "email_code.expires_at",
                        "email_code.used_at",
                        "external_identity.linked_at",
                        "idempotency_record.created_at",
                        "import_record.imported_at",
                        "notification_setting.updated_at",
                        "notification_webhook.created_at",
                        "oauth_authorization_request.created_at",
                        "oauth_authorization_request.expires_at",
                        "open_reservation.reserved_at",
                        "organization_listing.created_at",
                        "price_listing.updated_at",
                        "quota_pool.created_at",
                        "quota_pool.wanted_at",
                        "redemption_batch_listing.created_at",
                        "redemption_batch_listing.expires_at",
                        "redemption_code_listing.redeemed_at",
                        "setting.created_at",
                        "sign_in_code.expires_at",
                        "stored_response.created_at",
                        "stored_response.expires_at",
                        "token_last_used.last_used_at",
                        "token_listing.created_at",
                        "token_listing.expires_at",
                        "token_listing.updated_at",
                        "usage_record.at",
                        "usage_record.reserved_at",
                        "user_account.registered_at",
                        "wallet_entry.at");
        assertThat(zoneless).isEmpty();
        assertThat(axonTimes)
                .containsExactly(
                        "dead_letter_entry.enqueued_at:character varying",
                        "dead_letter_entry.last_touched:character varying",
                        "dead_letter_entry.processing_started:character varying",
                        "dead_letter_entry.time_stamp:character varying",
                        "domain_event_entry.time_stamp:character varying",
                        "request_event_entry.time_stamp:character varying",
                        "snapshot_event_entry.time_stamp:character varying",
                        "token_entry.timestamp:character varying");
    }

    @Test
    void givenTheEventTable_whenItsIndexesAreListed_thenTrackingAndAggregateReadsAreServedByAnIndex() {
        // when
        List<String> indexes = jdbc.queryForList("""
                select regexp_replace(indexdef, '^.* USING ', '') from pg_indexes
                where tablename = 'domain_event_entry' order by 1""", String.class);

        // then
        assertThat(indexes)
                .containsExactlyInAnyOrder(
                        "btree (global_index)",
                        "btree (event_identifier)",
                        "btree (aggregate_identifier, sequence_number)");
    }
}
