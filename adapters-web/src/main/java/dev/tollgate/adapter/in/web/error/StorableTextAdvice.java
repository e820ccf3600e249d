package dev.tollgate.adapter.in.web.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.beans.PropertyEditorSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses text that PostgreSQL cannot store before any controller sees it: a NUL character or an unpaired UTF-16
 * surrogate (which invalid UTF-8 such as an encoded surrogate decodes to) in a JSON body's names and strings, or in a
 * query, path or header value bound to a {@code String}. Without it such text failed deep inside (a 500 from a
 * query, a password hash that cannot encode it) or was accepted into an event that a projection then could not write
 * (found by the fuzzer of issue 20). Refused as 400 {@code invalid_request} by {@link ApiExceptionHandler}.
 */
@ControllerAdvice(annotations = RestController.class)
public class StorableTextAdvice extends RequestBodyAdviceAdapter {
    static final String REFUSAL = "text may not contain NUL characters or unpaired surrogates (invalid UTF-8)";
    private static final JsonFactory JSON = new JsonFactory();

    /** Whether PostgreSQL can store this text: no NUL, every surrogate in a pair. */
    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    @InitBinder
    void refuseUnstorableValues(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (text != null && !storable(text)) {
                    throw new IllegalArgumentException(REFUSAL);
                }
                setValue(text);
            }
        });
    }

    @Override
    public boolean supports(
            MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body = input.getBody().readAllBytes();
        if (!storableJson(body)) {
            throw new HttpMessageNotReadableException(REFUSAL, input);
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** False only when the body is JSON with an unstorable name or string; malformed JSON is left to the converter. */
    private static boolean storableJson(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if ((token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) && !storable(parser.getText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return true;
        }
    }
}
