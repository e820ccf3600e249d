package dev.tollgate.adapter.out.provider;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The two framings of an HTTP/1.1 answer's body that {@link BlockingHttp1} reads: a known length, and chunked. */
final class Http1Bodies {
    private Http1Bodies() {}

    /** A body of a known length. */
    static final class Fixed extends InputStream {
        private final InputStream in;
        private long left;

        Fixed(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(left, in.available());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the answer ended " + left + " bytes early");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body, decoded. */
    static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean last;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (last) {
                return -1;
            }
            if (left == 0) {
                left = nextChunkSize();
                if (left == 0) {
                    last = true;
                    int[] budget = {Http1Wire.MAX_HEAD_BYTES};
                    while (!Http1Wire.line(in, in.read(), budget).isEmpty()) {
                        // trailers: not used
                    }
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the chunked answer ended early");
            }
            left -= n;
            if (left == 0) {
                int[] budget = {2};
                Http1Wire.line(in, in.read(), budget); // the CRLF after the chunk
            }
            return n;
        }

        private long nextChunkSize() throws IOException {
            int[] budget = {1024};
            String line = Http1Wire.line(in, in.read(), budget);
            int semicolon = line.indexOf(';');
            String size = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
            try {
                return Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("a bad chunk size: " + size, e);
            }
        }
    }
}
