package dev.tollgate.adapter.out.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReceiveUpToTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    /** Reports only {@code received} bytes as available, as a socket does before the rest has arrived. */
    private static InputStream partlyReceived(byte[] all, int received) {
        return new ByteArrayInputStream(all) {
            @Override
            public synchronized int available() {
                return Math.max(0, Math.min(received - pos, count - pos));
            }
        };
    }

    @Test
    void givenTheWholeAnswerReceived_whenRead_thenExactlyItsBytes() throws IOException {
        byte[] answer = bytes(300);

        assertThat(UpstreamHttp.receiveUpTo(partlyReceived(answer, 300), 1000)).isEqualTo(answer);
    }

    @Test
    void givenOnlyPartOfTheAnswerReceived_whenRead_thenTheRestIsReadToTheEnd() throws IOException {
        byte[] answer = bytes(50_000);

        assertThat(UpstreamHttp.receiveUpTo(partlyReceived(answer, 1_000), 100_000))
                .isEqualTo(answer);
        assertThat(UpstreamHttp.receiveUpTo(partlyReceived(answer, 0), 100_000)).isEqualTo(answer);
    }

    @Test
    void givenALongerAnswerThanTheLimit_whenRead_thenTheFirstLimitBytesOnly() throws IOException {
        byte[] answer = bytes(5_000);

        assertThat(UpstreamHttp.receiveUpTo(partlyReceived(answer, 100), 1_001))
                .isEqualTo(Arrays.copyOf(answer, 1_001));
        assertThat(UpstreamHttp.receiveUpTo(partlyReceived(answer, 5_000), 1_001))
                .isEqualTo(Arrays.copyOf(answer, 1_001));
        assertThat(UpstreamHttp.receiveUpTo(partlyReceived(answer, 1_001), 1_001))
                .isEqualTo(Arrays.copyOf(answer, 1_001));
    }
}
