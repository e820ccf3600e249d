package dev.tollgate.adapter.out.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known answers from AWS's published Signature Version 4 test suite and signing-key example. */
class SigV4SignerTest {
    private static final SigV4Signer.Credentials SUITE =
            new SigV4Signer.Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static final Instant SUITE_TIME = Instant.parse("2015-08-30T12:36:00Z");

    @Test
    void givenAwsExampleSecret_whenDerivingTheSigningKey_thenItIsThePublishedKey() {
        // when
        byte[] key = SigV4Signer.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");

        // then
        assertThat(HexFormat.of().formatHex(key))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void givenTheGetVanillaRequest_whenSigning_thenTheAuthorizationIsThePublishedOne() {
        // when
        SigV4Signer.Signature signature = SigV4Signer.sign(
                "GET",
                URI.create("https://example.amazonaws.com/"),
                Map.of(),
                new byte[0],
                SUITE,
                "us-east-1",
                "service",
                SUITE_TIME);

        // then
        assertThat(signature.canonicalRequest()).isEqualTo("""
                GET
                /

                host:example.amazonaws.com
                x-amz-date:20150830T123600Z

                host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(signature.stringToSign()).isEqualTo("""
                AWS4-HMAC-SHA256
                20150830T123600Z
                20150830/us-east-1/service/aws4_request
                bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63""");
        assertThat(signature.authorization())
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/"
                        + "service/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        assertThat(signature.headers())
                .containsEntry("x-amz-date", "20150830T123600Z")
                .doesNotContainKey("x-amz-security-token");
    }

    @Test
    void givenThePostVanillaRequest_whenSigning_thenTheSignatureIsThePublishedOne() {
        // when
        SigV4Signer.Signature signature = SigV4Signer.sign(
                "POST",
                URI.create("https://example.amazonaws.com/"),
                Map.of(),
                new byte[0],
                SUITE,
                "us-east-1",
                "service",
                SUITE_TIME);

        // then
        assertThat(signature.signature()).isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void givenQueryParametersOutOfOrder_whenSigning_thenTheyAreSortedAsInThePublishedVector() {
        // when
        SigV4Signer.Signature signature = SigV4Signer.sign(
                "GET",
                URI.create("https://example.amazonaws.com/?Param2=value2&Param1=value1"),
                Map.of(),
                new byte[0],
                SUITE,
                "us-east-1",
                "service",
                SUITE_TIME);

        // then
        assertThat(signature.canonicalRequest()).contains("\nParam1=value1&Param2=value2\n");
        assertThat(signature.signature()).isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    }

    @Test
    void givenAFormBody_whenSigning_thenTheContentTypeIsSignedAndThePayloadHashed() {
        // when
        SigV4Signer.Signature signature = SigV4Signer.sign(
                "POST",
                URI.create("https://example.amazonaws.com/"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Param1=value1".getBytes(StandardCharsets.UTF_8),
                SUITE,
                "us-east-1",
                "service",
                SUITE_TIME);

        // then
        assertThat(signature.signedHeaders()).isEqualTo("content-type;host;x-amz-date");
        assertThat(signature.canonicalRequest())
                .endsWith("9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
    }

    @Test
    void givenASessionToken_whenSigning_thenTheTokenHeaderIsSentAndSigned() {
        // given
        SigV4Signer.Credentials temporary = new SigV4Signer.Credentials("AKID", "secret", "TOKEN/with+chars=");

        // when
        SigV4Signer.Signature signature = SigV4Signer.sign(
                "POST",
                URI.create("https://example.amazonaws.com/"),
                Map.of("content-type", "application/json"),
                new byte[0],
                temporary,
                "us-east-1",
                "bedrock",
                SUITE_TIME);

        // then
        assertThat(signature.headers()).containsEntry("x-amz-security-token", "TOKEN/with+chars=");
        assertThat(signature.signedHeaders()).isEqualTo("content-type;host;x-amz-date;x-amz-security-token");
        assertThat(signature.canonicalRequest()).contains("x-amz-security-token:TOKEN/with+chars=\n");
        assertThat(signature.toString() + temporary).doesNotContain("secret");
    }

    @Test
    void givenAnEncodedModelPath_whenCanonicalizing_thenEachSegmentIsEncodedTwice() {
        // given
        URI uri = BedrockChatUpstream.converseUri(
                "https://bedrock-runtime.us-east-1.amazonaws.com", "anthropic.claude-3-5-sonnet-20240620-v1:0", false);

        // then
        assertThat(uri.getRawPath()).isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
        assertThat(SigV4Signer.canonicalUri(uri.getRawPath()))
                .isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse");
        assertThat(SigV4Signer.uriEncode("a b/c~d._-*é", true)).isEqualTo("a%20b%2Fc~d._-%2A%C3%A9");
    }

    @Test
    void givenAPortThatIsNotTheDefault_whenSigning_thenTheHostHeaderCarriesIt() {
        assertThat(SigV4Signer.hostHeader(URI.create("http://127.0.0.1:8123/x")))
                .isEqualTo("127.0.0.1:8123");
        assertThat(SigV4Signer.hostHeader(URI.create("https://h.example:443/x")))
                .isEqualTo("h.example");
        assertThat(SigV4Signer.hostHeader(URI.create("https://h.example/x"))).isEqualTo("h.example");
    }
}
