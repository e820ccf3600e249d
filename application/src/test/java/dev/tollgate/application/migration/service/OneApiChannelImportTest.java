package dev.tollgate.application.migration.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.application.channel.port.in.CreateChannelRequest;
import dev.tollgate.application.migration.port.out.OneApiSnapshot.OneApiChannel;
import dev.tollgate.domain.channel.ChannelType;
import dev.tollgate.domain.common.InvalidValueException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one-api channel rows become channels here: every type number, and the types with their own credentials. */
class OneApiChannelImportTest {

    private static OneApiChannel channel(
            int type, String key, String baseUrl, Map<String, String> config, String other) {
        return new OneApiChannel(
                7,
                type,
                "c",
                List.of(key),
                1,
                baseUrl,
                List.of("m"),
                List.of("default"),
                Map.of(),
                3,
                0,
                config,
                other,
                null);
    }

    @Test
    void givenEveryOneApiChannelType_whenMapped_thenEachIsATollgateTypeOrHasAReasonAndNoneIsGuessed() {
        for (int type = 0; type <= OneApiChannelTypes.highestKnownType(); type++) {
            // when
            var target = OneApiChannelTypes.target(type);

            // then
            if (target.isPresent()) {
                assertThat(ChannelType.fromCode(target.get().type()).code())
                        .isEqualTo(target.get().type());
            } else {
                assertThat(OneApiChannelTypes.unmappedReason(type))
                        .as("type " + type)
                        .doesNotContain("not known");
            }
        }
        assertThat(OneApiChannelTypes.target(52)).isEmpty();
        assertThat(OneApiChannelTypes.unmappedReason(52)).contains("not known");
    }

    @Test
    void givenOneApiDefaults_whenPlanned_thenTollgatesPresetsAndProxiesTheirAddress() {
        // when
        CreateChannelRequest deepseek = OneApiChannelImport.plan(channel(36, "k", "", Map.of(), null), "c");
        CreateChannelRequest bailian =
                OneApiChannelImport.plan(channel(17, "k", "https://dashscope.aliyuncs.com/", Map.of(), null), "c");
        CreateChannelRequest api2d = OneApiChannelImport.plan(channel(2, "k", "", Map.of(), null), "c");
        CreateChannelRequest custom =
                OneApiChannelImport.plan(channel(50, "k", "http://10.0.0.2:8000", Map.of(), null), "c");

        // then
        assertThat(deepseek.type()).isEqualTo("deepseek");
        assertThat(deepseek.baseUrl()).isNull();
        assertThat(deepseek.priority()).isEqualTo(3);
        assertThat(deepseek.weight()).isEqualTo(1);
        assertThat(bailian.type()).isEqualTo("bailian");
        assertThat(bailian.baseUrl()).isNull();
        assertThat(api2d.type()).isEqualTo("openai-compatible");
        assertThat(api2d.baseUrl()).isEqualTo("https://oa.api2d.net");
        assertThat(custom.baseUrl()).isEqualTo("http://10.0.0.2:8000");
    }

    @Test
    void givenChannelsWithTheirOwnCredentials_whenPlanned_thenKeysAndOptionsAsTollgateTakesThem() {
        // when
        CreateChannelRequest aws =
                OneApiChannelImport.plan(channel(33, "AKID|SECRET|us-east-1", "", Map.of(), null), "c");
        CreateChannelRequest vertex = OneApiChannelImport.plan(
                channel(
                        42,
                        "x",
                        "",
                        Map.of(
                                "region",
                                "us-central1",
                                "vertex_ai_project_id",
                                "p1",
                                "vertex_ai_adc",
                                "{\"type\":\"service_account\"}"),
                        null),
                "c");
        CreateChannelRequest azure =
                OneApiChannelImport.plan(channel(3, "k", "https://r.openai.azure.com", Map.of(), "2024-02-01"), "c");
        CreateChannelRequest cloudflare =
                OneApiChannelImport.plan(channel(37, "k", "", Map.of("user_id", "acc1"), null), "c");

        // then
        assertThat(aws.keys()).containsExactly("AKID:SECRET");
        assertThat(aws.options()).containsEntry("region", "us-east-1");
        assertThat(vertex.keys()).containsExactly("{\"type\":\"service_account\"}");
        assertThat(vertex.options()).containsEntry("location", "us-central1").containsEntry("project", "p1");
        assertThat(azure.options()).containsEntry("apiVersion", "2024-02-01");
        assertThat(cloudflare.baseUrl()).isEqualTo("https://api.cloudflare.com/client/v4/accounts/acc1/ai/v1");
    }

    @Test
    void givenChannelsThatCannotComeAcross_whenPlanned_thenRefusedWithTheReason() {
        assertThatThrownBy(() -> OneApiChannelImport.plan(channel(15, "a|b", "", Map.of(), null), "c"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("Baidu");
        assertThatThrownBy(() -> OneApiChannelImport.plan(channel(50, "k", "", Map.of(), null), "c"))
                .hasMessageContaining("no base URL");
        assertThatThrownBy(() -> OneApiChannelImport.plan(channel(33, "only-one-part", "", Map.of(), null), "c"))
                .hasMessageContaining("ak|sk|region");
        assertThatThrownBy(() -> OneApiChannelImport.plan(
                        new OneApiChannel(
                                1,
                                1,
                                "c",
                                List.of(),
                                1,
                                "",
                                List.of("m"),
                                List.of(),
                                Map.of(),
                                0,
                                0,
                                Map.of(),
                                null,
                                null),
                        "c"))
                .hasMessageContaining("no key");
    }
}
