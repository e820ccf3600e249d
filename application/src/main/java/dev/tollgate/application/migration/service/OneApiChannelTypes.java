package dev.tollgate.application.migration.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One-api's channel type numbers ({@code relay/channeltype}) and what each becomes here. A type that speaks a
 * protocol Tollgate does not have (or needs a credential Tollgate cannot use) has no counterpart: it is reported with
 * the reason, never guessed. One-api's OpenAI proxies with no preset of their own become {@code openai-compatible}
 * with the proxy's address as base URL.
 */
final class OneApiChannelTypes {
    /**
     * @param type           Tollgate's channel type code
     * @param oneApiBaseUrl  one-api's default base URL for the type (a channel with this or no base URL takes
     *                       Tollgate's default)
     * @param fallbackBaseUrl the base URL when the channel gives none and Tollgate's type has no default (one-api's
     *                       proxies), else null
     */
    record Target(String type, String oneApiBaseUrl, String fallbackBaseUrl) {}

    private static final Map<Integer, Target> TARGETS = new HashMap<>();
    private static final Map<Integer, String> UNMAPPED = new HashMap<>();

    private static void to(int oneApiType, String type, String oneApiBaseUrl) {
        TARGETS.put(oneApiType, new Target(type, oneApiBaseUrl, null));
    }

    private static void proxy(int oneApiType, String baseUrl) {
        TARGETS.put(oneApiType, new Target("openai-compatible", baseUrl, baseUrl));
    }

    static {
        UNMAPPED.put(0, "type 0 (unknown) has no protocol");
        to(1, "openai", "https://api.openai.com");
        proxy(2, "https://oa.api2d.net");
        to(3, "azure", null);
        proxy(4, "https://api.closeai-proxy.xyz");
        proxy(5, "https://api.openai-sb.com");
        proxy(6, "https://api.openaimax.com");
        proxy(7, "https://api.ohmygpt.com");
        to(8, "openai-compatible", null);
        proxy(9, "https://api.caipacity.com");
        proxy(10, "https://api.aiproxy.io");
        UNMAPPED.put(11, "PaLM (type 11): Google's retired PaLM API has no channel type here; use a gemini channel");
        proxy(12, "https://api.api2gpt.com");
        proxy(13, "https://api.aigc2d.com");
        to(14, "anthropic", "https://api.anthropic.com");
        UNMAPPED.put(
                15,
                "Baidu Wenxin v1 (type 15): its API_KEY|SECRET_KEY credential and protocol are not "
                        + "supported; create a baidu-qianfan (Qianfan v2) channel with a v2 API key");
        to(16, "zhipu", "https://open.bigmodel.cn");
        to(17, "bailian", "https://dashscope.aliyuncs.com");
        UNMAPPED.put(
                18,
                "Xunfei Spark WebSocket (type 18): its APPID|APISecret|APIKey credential is not supported; "
                        + "create a xunfei-spark channel with an HTTP API password");
        to(19, "360", "https://ai.360.cn");
        to(20, "openrouter", "https://openrouter.ai/api");
        UNMAPPED.put(21, "AIProxy library (type 21): a knowledge-base API, not a model API");
        proxy(22, "https://fastgpt.run/api/openapi");
        UNMAPPED.put(
                23,
                "Tencent Hunyuan (type 23): its TC3-signed AppId|SecretId|SecretKey credential is not "
                        + "supported; create a tencent-hunyuan channel with an API key");
        to(24, "gemini", "https://generativelanguage.googleapis.com");
        to(25, "moonshot", "https://api.moonshot.cn");
        proxy(26, "https://api.baichuan-ai.com");
        to(27, "minimax", "https://api.minimax.chat");
        to(28, "mistral", "https://api.mistral.ai");
        to(29, "groq", "https://api.groq.com/openai");
        to(30, "ollama", "http://localhost:11434");
        to(31, "01ai", "https://api.lingyiwanwu.com");
        to(32, "stepfun", "https://api.stepfun.com");
        to(33, "aws-bedrock", null);
        UNMAPPED.put(34, "Coze (type 34): bot API, not supported");
        UNMAPPED.put(35, "Cohere (type 35): Cohere's own chat protocol is not supported");
        to(36, "deepseek", "https://api.deepseek.com");
        to(37, "openai-compatible", "https://api.cloudflare.com");
        UNMAPPED.put(38, "DeepL (type 38): a translation API, not supported");
        to(39, "together", "https://api.together.xyz");
        to(40, "volcengine-ark", "https://ark.cn-beijing.volces.com");
        UNMAPPED.put(41, "Novita (type 41): its /v3/openai path does not fit an openai-compatible base URL here");
        to(42, "vertex", null);
        UNMAPPED.put(43, "Proxy (type 43): raw pass-through without billing has no counterpart");
        to(44, "siliconflow", "https://api.siliconflow.cn");
        to(45, "xai", "https://api.x.ai");
        UNMAPPED.put(46, "Replicate (type 46): prediction API, not supported");
        to(47, "baidu-qianfan", "https://qianfan.baidubce.com");
        to(48, "xunfei-spark", "https://spark-api-open.xf-yun.com");
        to(49, "bailian", "https://dashscope.aliyuncs.com");
        to(50, "openai-compatible", null);
        to(51, "gemini", "https://generativelanguage.googleapis.com/v1beta/openai/");
    }

    private OneApiChannelTypes() {}

    static Optional<Target> target(int oneApiType) {
        return Optional.ofNullable(TARGETS.get(oneApiType));
    }

    /** Why a type does not come across. */
    static String unmappedReason(int oneApiType) {
        return UNMAPPED.getOrDefault(oneApiType, "one-api channel type " + oneApiType + " is not known to this import");
    }

    /** Every type number one-api defines (0–51). */
    static int highestKnownType() {
        return 51;
    }
}
