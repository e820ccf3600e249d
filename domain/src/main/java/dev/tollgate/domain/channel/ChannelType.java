package dev.tollgate.domain.channel;

import dev.tollgate.domain.common.InvalidValueException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kind of upstream a channel is. Most types speak the OpenAI chat completions protocol; each such provider preset
 * only adds a default base URL (used when the operator gives none) and, for some, request headers the provider asks
 * for. Adding a provider of this family is one entry here (see docs/providers.md). {@code anthropic} and
 * {@code gemini} speak their own protocols, converted by their own adapters.
 */
public enum ChannelType {
    OPENAI("openai", "https://api.openai.com"),
    OPENAI_COMPATIBLE("openai-compatible", null),
    /** Azure OpenAI: {@code {baseUrl}/openai/deployments/{deployment}/...?api-version=}, header {@code api-key}. */
    AZURE("azure", null),
    DEEPSEEK("deepseek", "https://api.deepseek.com"),
    SILICONFLOW("siliconflow", "https://api.siliconflow.cn"),
    BAILIAN("bailian", "https://dashscope.aliyuncs.com/compatible-mode/v1"),
    VOLCENGINE_ARK("volcengine-ark", "https://ark.cn-beijing.volces.com/api/v3"),
    MOONSHOT("moonshot", "https://api.moonshot.cn"),
    ZHIPU("zhipu", "https://open.bigmodel.cn/api/paas/v4"),
    BAIDU_QIANFAN("baidu-qianfan", "https://qianfan.baidubce.com/v2"),
    XUNFEI_SPARK("xunfei-spark", "https://spark-api-open.xf-yun.com/v1"),
    TENCENT_HUNYUAN("tencent-hunyuan", "https://api.hunyuan.cloud.tencent.com/v1"),
    MINIMAX("minimax", "https://api.minimax.chat/v1"),
    STEPFUN("stepfun", "https://api.stepfun.com"),
    LINGYIWANWU("01ai", "https://api.lingyiwanwu.com"),
    AI360("360", "https://api.360.cn"),
    MISTRAL("mistral", "https://api.mistral.ai"),
    GROQ("groq", "https://api.groq.com/openai"),
    XAI("xai", "https://api.x.ai"),
    TOGETHER("together", "https://api.together.xyz"),
    OPENROUTER("openrouter", "https://openrouter.ai/api"),
    OLLAMA("ollama", "http://localhost:11434/v1"),
    /** Anthropic's Messages API ({@code /v1/messages}, {@code x-api-key}): requests and answers are converted. */
    ANTHROPIC("anthropic", "https://api.anthropic.com"),
    /** Google's Gemini API ({@code :generateContent}, {@code x-goog-api-key}): requests and answers are converted. */
    GEMINI("gemini", "https://generativelanguage.googleapis.com"),
    /**
     * Google Vertex AI (Gemini and Claude models); the key is a service-account JSON, {@code options.location} (and
     * optionally {@code options.project}) say where; the default base URL stands for the location's own host.
     */
    VERTEX("vertex", "https://aiplatform.googleapis.com"),
    /**
     * AWS Bedrock's Converse API with SigV4 signing; the key is {@code ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]},
     * {@code options.region} says where; the default base URL stands for the region's own endpoint.
     */
    AWS_BEDROCK("aws-bedrock", "https://bedrock-runtime.amazonaws.com");

    private final String code;
    private final String defaultBaseUrl;

    ChannelType(String code, String defaultBaseUrl) {
        this.code = code;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    public String code() {
        return code;
    }

    /** The provider's public endpoint, or null when the operator must give one. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The operator's base URL, or this type's default when none was given. */
    public String baseUrlOrDefault(String baseUrl) {
        if (baseUrl != null && !baseUrl.isBlank()) {
            return baseUrl;
        }
        if (defaultBaseUrl == null) {
            throw new InvalidValueException("baseUrl", "a channel of type '" + code + "' needs a baseUrl");
        }
        return defaultBaseUrl;
    }

    public static ChannelType fromCode(String code) {
        return Arrays.stream(values())
                .filter(t -> t.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidValueException(
                        "type",
                        "unknown channel type '" + code
                                + "'; supported: "
                                + Arrays.stream(values()).map(ChannelType::code).collect(Collectors.joining(", "))));
    }
}
