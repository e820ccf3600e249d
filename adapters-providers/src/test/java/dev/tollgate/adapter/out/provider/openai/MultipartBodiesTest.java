package dev.tollgate.adapter.out.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartBodiesTest {
    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    private static byte[] form(String model, byte[] file) {
        String head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n";
        String middle = "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model
                + "\r\n--XyZ\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nde\r\n--XyZ--\r\n";
        byte[] a = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = middle.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + file.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(file, 0, all, a.length, file.length);
        System.arraycopy(b, 0, all, a.length + file.length, b.length);
        return all;
    }

    @Test
    void givenAFormWithABinaryFile_whenTheModelIsReplaced_thenOnlyItsValueChanges() {
        // given: the file holds bytes that look like a boundary and a model field
        byte[] file = "\r\n--Xy name=\"model\"\r\n\r\nfake\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

        // when
        byte[] rewritten = MultipartBodies.replaceTextField(form("whisper-1", file), TYPE, "model",
                "whisper-large-v3");

        // then
        assertThat(rewritten).isEqualTo(form("whisper-large-v3", file));
    }

    @Test
    void givenAFormWithoutTheField_thenTheBodyIsUnchanged() {
        byte[] body = form("m", new byte[] {1, 2, 3});

        assertThat(MultipartBodies.replaceTextField(body, TYPE, "prompt", "x")).isSameAs(body);
    }

    @Test
    void givenQuotedBoundaryAndNoBoundary_thenTheBoundaryIsReadOrRefused() {
        assertThat(MultipartBodies.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThatThrownBy(() -> MultipartBodies.replaceTextField(new byte[0], "application/json", "model", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
