package dev.tollgate.adapter.out.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A provider's stream is read event by event, and no line or event may grow without bound. */
class SseReaderTest {
    /** An endless line: the same byte forever, never a line break. */
    private static final class Endless extends InputStream {
        @Override
        public int read() {
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Arrays.fill(b, off, off + len, (byte) 'a');
            return len;
        }
    }

    @Test
    void givenEvents_whenRead_thenEachComesWithItsData() throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(
                "data: {\"a\":1}\n\n: keep-alive\n\ndata: x\ndata: y\n\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(reader.nextItem().data(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(new String(reader.nextItem().comment(), StandardCharsets.UTF_8))
                .isEqualTo(" keep-alive");
        assertThat(new String(reader.nextItem().data(), StandardCharsets.UTF_8)).isEqualTo("x\ny");
        assertThat(reader.nextItem()).isNull();
    }

    @Test
    void givenALineThatNeverEnds_whenRead_thenTheReaderGivesUpAtTheLimitInsteadOfFillingMemory() {
        SseReader reader = new SseReader(new Endless());

        assertThatThrownBy(reader::nextItem).isInstanceOf(IOException.class).hasMessageContaining("longer than");
    }

    @Test
    void givenAnEventOfManyDataLines_whenItPassesTheLimit_thenItIsRefused() {
        byte[] line = ("data: " + "b".repeat(1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream manyLines = new InputStream() {
            private int position;

            @Override
            public int read() {
                return line[position++ % line.length];
            }
        };
        SseReader reader = new SseReader(manyLines);

        assertThatThrownBy(reader::nextItem).isInstanceOf(IOException.class).hasMessageContaining("larger than");
    }
}
