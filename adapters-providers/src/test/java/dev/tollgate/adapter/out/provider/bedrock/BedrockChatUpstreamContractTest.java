package dev.tollgate.adapter.out.provider.bedrock;

import static dev.tollgate.adapter.out.provider.bedrock.EventStreamFrames.concat;
import static dev.tollgate.adapter.out.provider.bedrock.EventStreamFrames.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.out.provider.ChatUpstreamContract;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Received;
import dev.tollgate.adapter.out.provider.ScriptedHttpServer.Script;
import dev.tollgate.application.upstream.port.out.ChatUpstreamPort;
import dev.tollgate.application.upstream.port.out.UpstreamTarget;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** The provider contract for AWS Bedrock channels (Converse / ConverseStream, SigV4, event-stream frames). */
class BedrockChatUpstreamContractTest extends ChatUpstreamContract {
    private static final String ACCESS_KEY = "AKIDCONTRACT";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYcontractKEY";
    private static final String MODEL_ID = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final String REQUEST_ID = "x-amzn-RequestId: rid-contract";

    @Override
    protected ChatUpstreamPort adapter() {
        return new BedrockChatUpstream(SETTINGS);
    }

    @Override
    protected UpstreamTarget target(String baseUrl) {
        return new UpstreamTarget(
                "ch-bedrock", "aws-bedrock", baseUrl, ACCESS_KEY + ":" + SECRET, Map.of("region", "us-east-1"));
    }

    @Override
    protected String upstreamModel() {
        return MODEL_ID;
    }

    @Override
    protected void assertAddressedWithCredentials(Received sent, boolean stream) {
        assertThat(sent.path())
                .isEqualTo("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/"
                        + (stream ? "converse-stream" : "converse"));
        assertThat(sent.headers().get("authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                .contains("/us-east-1/bedrock/aws4_request")
                .doesNotContain(SECRET);
        assertThat(sent.headers().get("x-amz-date")).isNotBlank();
    }

    private static Script converse(String json) {
        return (r, out) -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            ScriptedHttpServer.writeHead(out, 200, "application/json", body.length, REQUEST_ID);
            out.write(body);
        };
    }

    private static Script eventStream(byte[]... frames) {
        return (r, out) -> {
            ScriptedHttpServer.writeHead(out, 200, "application/vnd.amazon.eventstream", null, REQUEST_ID);
            for (byte[] frame : frames) {
                out.write(frame);
                out.flush();
            }
        };
    }

    @Override
    protected Script textAnswer() {
        return converse("""
                {"output":{"message":{"role":"assistant","content":[{"text":"Hello there"}]}},"stopReason":"end_turn",\
                "usage":{"inputTokens":11,"outputTokens":7,"totalTokens":18},"metrics":{"latencyMs":120}}""");
    }

    @Override
    protected Script toolCallAnswer() {
        return converse("""
                {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_01",\
                "name":"get_weather","input":{"city":"Paris"}}}]}},"stopReason":"tool_use",\
                "usage":{"inputTokens":20,"outputTokens":5,"totalTokens":25},"metrics":{"latencyMs":120}}""");
    }

    private static byte[] messageStart() {
        return event("messageStart", "{\"role\":\"assistant\"}");
    }

    private static byte[] textDelta(String text) {
        return event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"" + text + "\"}}");
    }

    @Override
    protected Script textStream() {
        return eventStream(
                messageStart(),
                textDelta("Hello"),
                concat(textDelta(" there"), event("contentBlockStop", "{\"contentBlockIndex\":0}")),
                event("messageStop", "{\"stopReason\":\"end_turn\"}"),
                event(
                        "metadata",
                        "{\"usage\":{\"inputTokens\":11,\"outputTokens\":7,\"totalTokens\":18},"
                                + "\"metrics\":{\"latencyMs\":120}}"));
    }

    @Override
    protected Script streamStart() {
        return eventStream(messageStart());
    }

    @Override
    protected Script streamCutMidEvent() {
        byte[] next = textDelta(" there");
        return eventStream(messageStart(), Arrays.copyOf(next, next.length / 2));
    }

    @Override
    protected String rateLimitErrorBody() {
        return "{\"message\":\"Too many requests, please wait before trying your request again.\"}";
    }
}
