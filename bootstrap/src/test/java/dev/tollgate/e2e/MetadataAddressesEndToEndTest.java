package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, item 10: no channel, not even a platform admin's, may point at a cloud metadata service or a link-local
 * address; loopback stays allowed for platform channels (a local Ollama is a seed use case).
 */
class MetadataAddressesEndToEndTest extends EndToEndTestBase {

    private AdminApi.Reply create(String baseUrl, String model) {
        return admin.post(
                "/api/v1/channels",
                Map.of(
                        "name",
                        "md-" + model,
                        "type",
                        "openai",
                        "baseUrl",
                        baseUrl,
                        "keys",
                        List.of("sk-md"),
                        "models",
                        List.of(model)));
    }

    @Test
    void givenAPlatformAdmin_whenAChannelPointsAtAMetadataOrLinkLocalHost_then400AndNoChannelExists() {
        // given
        String model = uniqueModel("metadata");
        List<String> urls = List.of(
                "http://169.254.169.254/latest/meta-data",
                "http://[fd00:ec2::254]/latest",
                "http://metadata.google.internal/computeMetadata/v1",
                "http://Metadata.Google.Internal./v1",
                "http://[::ffff:169.254.169.254]",
                "http://100.100.100.200/latest",
                "http://[fe80::1]:8080");
        long before = admin.get("/api/v1/channels?size=1").json().get("total").asLong();

        for (String url : urls) {
            // when
            AdminApi.Reply reply = create(url, model);

            // then
            assertThat(reply.status()).as(url + " " + reply.raw().body()).isEqualTo(400);
            assertThat(reply.json().get("field").asText()).isEqualTo("baseUrl");
        }
        assertThat(admin.get("/api/v1/channels?size=1").json().get("total").asLong())
                .isEqualTo(before);
    }

    @Test
    void givenAPlatformChannel_whenMovedOntoTheMetadataAddress_then400_butLoopbackStaysAllowed() {
        // given
        String model = uniqueModel("metadata-move");
        AdminApi.Reply local = create(UPSTREAM.baseUrl(), model);
        String id = local.json().get("id").asText();

        // when
        AdminApi.Reply moved = admin.patch(
                "/api/v1/channels/" + id, Map.of("baseUrl", "http://169.254.169.254", "keys", List.of("sk-md")));

        // then
        assertThat(local.status()).isEqualTo(201);
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(400);
        assertThat(moved.json().get("field").asText()).isEqualTo("baseUrl");
        assertThat(admin.get("/api/v1/channels/" + id).json().get("baseUrl").asText())
                .isEqualTo(UPSTREAM.baseUrl());
    }
}
