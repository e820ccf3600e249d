package dev.tollgate.adapter.out.provider.tokenizer;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tollgate.application.relay.port.out.TokenCounterPort;
import java.util.Locale;

/**
 * Counts tokens with OpenAI's published encodings (bundled in the jtokkit library, nothing is downloaded):
 * {@code o200k_base} for the GPT-4o / GPT-4.1 / GPT-5 and o-series families, {@code cl100k_base} for everything else.
 * Other vendors' tokenizers are not public in this form, so for their models the count is an approximation; it is
 * only used when an upstream reports no usage.
 */
public class JtokkitTokenCounter implements TokenCounterPort {
    private final Encoding o200k;
    private final Encoding cl100k;

    public JtokkitTokenCounter() {
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
    }

    @Override
    public long countTokens(String model, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return encodingFor(model).countTokensOrdinary(text);
    }

    Encoding encodingFor(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        boolean o200 = m.startsWith("gpt-4o")
                || m.startsWith("chatgpt-4o")
                || m.startsWith("gpt-4.1")
                || m.startsWith("gpt-4.5")
                || m.startsWith("gpt-5")
                || m.matches("o[1-9].*");
        return o200 ? o200k : cl100k;
    }
}
