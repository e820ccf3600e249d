package dev.tollgate.application.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's one multipart parser: reading a relayed form and rewriting its model field. */
class MultipartFormTest {
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
        byte[] rewritten = MultipartForm.replaceTextField(form("whisper-1", file), TYPE, "model", "whisper-large-v3");

        // then
        assertThat(rewritten).isEqualTo(form("whisper-large-v3", file));
    }

    @Test
    void givenAFormWithABinaryFile_whenParsed_thenItsTextFieldsAndFileSizesAreRead() {
        // given
        byte[] file = "\r\n--Xy name=\"model\"\r\n\r\nfake\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

        // when
        MultipartForm form = MultipartForm.parse(form("whisper-1", file), MultipartForm.boundary(TYPE));

        // then
        assertThat(form.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("model", "whisper-1", "language", "de"));
        assertThat(form.fileParts()).containsExactly(Map.entry("file", (long) file.length));
        assertThat(form.fileBytes()).isEqualTo(file.length);
    }

    @Test
    void givenTheModelFieldTwice_whenReplaced_thenNeitherKeepsTheClientsValue() {
        // given
        String twice = "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\ncheap\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=model\r\n\r\ndear\r\n--XyZ--\r\n";

        // when
        byte[] rewritten =
                MultipartForm.replaceTextField(twice.getBytes(StandardCharsets.UTF_8), TYPE, "model", "mapped");

        // then
        assertThat(MultipartForm.parse(rewritten, "XyZ").fields()).containsEntry("model", "mapped");
        assertThat(new String(rewritten, StandardCharsets.UTF_8))
                .doesNotContain("cheap")
                .doesNotContain("dear");
    }

    @Test
    void givenAnUnclosedForm_whenParsed_thenRefusedWithAMessageForTheClient() {
        byte[] unclosed =
                "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nm".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> MultipartForm.parse(unclosed, "XyZ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the form is not closed by its boundary");
    }

    @Test
    void givenAFormWithoutTheField_thenTheBodyIsUnchanged() {
        byte[] body = form("m", new byte[] {1, 2, 3});

        assertThat(MultipartForm.replaceTextField(body, TYPE, "prompt", "x")).isSameAs(body);
    }

    @Test
    void givenQuotedBoundaryAndNoBoundary_thenTheBoundaryIsReadOrRefused() {
        assertThat(MultipartForm.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\""))
                .isEqualTo("a b");
        assertThatThrownBy(() -> MultipartForm.replaceTextField(new byte[0], "application/json", "model", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
