package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.audio.transcriptions.Transcription;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.images.Image;
import com.openai.models.images.ImageEditParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImageModel;
import com.openai.models.images.ImagesResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Images (generation, edits) and audio (speech, transcription) through the official Java SDK: multipart forms
 * forwarded byte for byte, audio streamed through, and each priced by what it is billed by (images, characters,
 * seconds).
 */
class ImagesAndAudioEndToEndTest extends EndToEndTestBase {

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl(relayBase())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private String model(String prefix, Map<String, Object> price, Map<String, String> mapping) {
        String model = uniqueModel(prefix);
        admin.createChannel("fake-" + model, UPSTREAM.baseUrl(), model, 0, 1, mapping);
        AdminApi.Reply r = admin.put("/api/v1/prices/" + model, price);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return model;
    }

    private long used(JsonNode token) {
        return admin.get("/api/v1/tokens/" + token.get("id").asText())
                .json()
                .get("usedQuota")
                .asLong();
    }

    private FakeOpenAiUpstream.Received received(String pathEnd, String marker) {
        return UPSTREAM.received().stream()
                .filter(r -> r.path().endsWith(pathEnd))
                .filter(r -> new String(r.raw(), StandardCharsets.UTF_8).contains(marker))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void givenAPerImagePrice_whenTheSdkGeneratesTwoImages_thenBothArriveAndTwoImagesAreCharged() {
        // given: 20,000 units (0.04 USD) per image, prompt tokens free
        String model = model("image", Map.of("input", 0, "output", 0, "perImage", 20_000), Map.of());
        JsonNode token = admin.createToken(Map.of("name", "images", "quota", 1_000_000));

        // when
        ImagesResponse images = client(token.get("key").asText())
                .images()
                .generate(ImageGenerateParams.builder()
                        .model(ImageModel.of(model))
                        .prompt("a red fox in the snow")
                        .n(2)
                        .build());

        // then
        assertThat(images.data().orElseThrow())
                .extracting(i -> i.url().orElseThrow())
                .containsExactly("https://images.example/0.png", "https://images.example/1.png");
        assertThat(used(token)).isEqualTo(40_000);
        JsonNode price = admin.get("/api/v1/prices/" + model).json();
        assertThat(price.get("perImage").asLong()).isEqualTo(20_000);
    }

    @Test
    void givenAKeyThatCannotPayForTheImagesAskedFor_then429AndNothingIsSent() throws Exception {
        // given
        String model = model("image-poor", Map.of("input", 0, "output", 0, "perImage", 20_000), Map.of());
        String key = admin.createToken(Map.of("name", "poor", "quota", 30_000))
                .get("key")
                .asText();
        int before = UPSTREAM.received().size();

        // when: 2 images would cost 40,000
        java.net.http.HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/images/generations"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"model\":\"" + model + "\",\"prompt\":\"a fox\",\"n\":2}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).contains("insufficient_quota");
        assertThat(UPSTREAM.received()).hasSize(before);
    }

    @Test
    void givenAMappedModel_whenTheSdkEditsAnImage_thenTheFormIsForwardedWithOnlyTheModelChanged() {
        // given
        String mapped = uniqueModel("image-edit-mapped");
        admin.createChannel("fake-" + mapped, UPSTREAM.baseUrl(), mapped, 0, 1, Map.of(mapped, "upstream-edit"));
        admin.put("/api/v1/prices/" + mapped, Map.of("input", 0, "output", 0, "perImage", 10_000));
        JsonNode token = admin.createToken(Map.of("name", "edit", "quota", 1_000_000));
        byte[] png = new byte[3000];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 7);
        }

        // when
        ImagesResponse images = client(token.get("key").asText())
                .images()
                .edit(ImageEditParams.builder()
                        .model(ImageModel.of(mapped))
                        .prompt("add a hat to the fox")
                        .image(png)
                        .build());

        // then
        List<Image> data = images.data().orElseThrow();
        assertThat(data).hasSize(1);
        FakeOpenAiUpstream.Received sent = received("/images/edits", "add a hat to the fox");
        String form = new String(sent.raw(), StandardCharsets.ISO_8859_1);
        assertThat(form)
                .containsPattern("name=\"model\"(\r\n[^\r\n]+)*\r\n\r\nupstream-edit\r\n")
                .doesNotContain(mapped);
        assertThat(form).contains(new String(png, StandardCharsets.ISO_8859_1));
        assertThat(sent.header("Content-Type").getFirst())
                .startsWith("multipart/form-data;")
                .contains("boundary=");
        assertThat(used(token)).isEqualTo(10_000);
    }

    @Test
    void givenAPerCharacterSpeechPrice_whenTheSdkAsksForSpeech_thenTheAudioArrivesByteForByteAndCharactersAreCharged()
            throws Exception {
        // given: 15,000,000 units per 1M characters (30 USD per 1M characters)
        String model = model("tts", Map.of("input", 15_000_000, "output", 0), Map.of());
        JsonNode token = admin.createToken(Map.of("name", "tts", "quota", 1_000_000));

        // when
        byte[] audio;
        try (HttpResponse response = client(token.get("key").asText())
                        .audio()
                        .speech()
                        .create(SpeechCreateParams.builder()
                                .model(model)
                                .input("Hello there")
                                .voice("alloy")
                                .build());
                InputStream body = response.body()) {
            assertThat(response.headers().values("Content-Type")).containsExactly("audio/mpeg");
            audio = body.readAllBytes();
        }

        // then: 11 characters × 15 units
        assertThat(audio).isEqualTo(FakeOpenAiUpstream.SPEECH);
        assertThat(used(token)).isEqualTo(165);
    }

    @Test
    void givenAPerSecondPrice_whenTheSdkTranscribes_thenTheProvidersDurationIsCharged() {
        // given: 100 units per second; the fake reports 3 s
        String model = model("whisper", Map.of("input", 0, "output", 0, "perAudioSecond", 100), Map.of());
        JsonNode token = admin.createToken(Map.of("name", "stt", "quota", 1_000_000));
        byte[] wav = new byte[32_000];

        // when
        TranscriptionCreateResponse response = client(token.get("key").asText())
                .audio()
                .transcriptions()
                .create(TranscriptionCreateParams.builder()
                        .model(model)
                        .file(wav)
                        .build());

        // then
        Transcription transcription = response.asTranscription();
        assertThat(transcription.text()).isEqualTo(FakeOpenAiUpstream.REPLY);
        assertThat(used(token)).isEqualTo(300);
    }

    @Test
    void givenATextResponseFormat_whenTranscribing_thenThePlainTextComesBackAsText() throws Exception {
        // given
        String model = model("whisper-text", Map.of("input", 0, "output", 0, "perRequest", 7), Map.of());
        JsonNode token = admin.createToken(Map.of("name", "stt-text", "quota", 1_000_000));

        // when
        TranscriptionCreateResponse response = client(token.get("key").asText())
                .audio()
                .transcriptions()
                .create(TranscriptionCreateParams.builder()
                        .model(model)
                        .file(new byte[5_000])
                        .responseFormat(AudioResponseFormat.TEXT)
                        .build());

        // then: a per-request price applies when the provider states no duration
        assertThat(response.toString()).contains(FakeOpenAiUpstream.REPLY);
        assertThat(used(token)).isEqualTo(7);
    }

    @Test
    void givenAFormWithoutAFile_whenTranscribing_then400NamingTheFile() throws Exception {
        String key = admin.createToken(Map.of("name", "nofile", "unlimitedQuota", true))
                .get("key")
                .asText();
        String form = "--b1\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b1--\r\n";

        java.net.http.HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(relayBase() + "/audio/transcriptions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "multipart/form-data; boundary=b1")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"param\":\"file\"");
    }
}
