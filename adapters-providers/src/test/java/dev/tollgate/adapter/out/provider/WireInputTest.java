package dev.tollgate.adapter.out.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireInputTest {

    /** Hands out at most three bytes per read, as a socket may. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    @Test
    void givenBytesArrivingInPieces_whenReadByteByByteAndInBlocks_thenEveryByteComesOnceInOrder() throws IOException {
        byte[] wire = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world".getBytes(StandardCharsets.US_ASCII);
        WireInput in = new WireInput(trickling(wire), 8);

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            read.write(in.read());
        }
        byte[] block = new byte[5];
        int n;
        while ((n = in.read(block, 0, block.length)) > 0) {
            read.write(block, 0, n);
        }

        assertThat(read.toByteArray()).isEqualTo(wire);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(block, 0, 5)).isEqualTo(-1);
    }

    @Test
    void givenAReadLargerThanTheBuffer_whenTheBufferIsEmpty_thenItGoesStraightThroughAndKeepsTheOrder()
            throws IOException {
        byte[] wire = new byte[100];
        for (int i = 0; i < wire.length; i++) {
            wire[i] = (byte) i;
        }
        WireInput in = new WireInput(new ByteArrayInputStream(wire), 16);

        assertThat(in.read()).isZero();
        byte[] rest = in.readAllBytes();

        assertThat(rest).hasSize(99);
        assertThat(rest[0]).isEqualTo((byte) 1);
        assertThat(rest[98]).isEqualTo((byte) 99);
        assertThat(in.read(new byte[0], 0, 0)).isZero();
    }
}
