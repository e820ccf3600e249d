package dev.tollgate.config;

import dev.tollgate.application.common.port.out.IdGeneratorPort;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;

/**
 * New ids of 128 bits from {@link SecureRandom}, as 32 lower-case hex digits. {@code UUID.randomUUID()} asks the
 * operating system's generator for every id (a lock and a read of {@code /dev/urandom}: 2 % of a relayed request's
 * CPU); this takes the bytes of 256 ids at a time and hands them out under a short lock, so the ids stay as
 * unpredictable and as unique as before.
 */
final class RandomIds implements IdGeneratorPort {
    private static final int ID_BYTES = 16;
    private static final int IDS_PER_DRAW = 256;
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] drawn = new byte[ID_BYTES * IDS_PER_DRAW];
    private int next = drawn.length;

    RandomIds(SecureRandom random) {
        this.random = random;
    }

    RandomIds() {
        this(new SecureRandom());
    }

    @Override
    public String newId() {
        byte[] id = new byte[ID_BYTES];
        lock.lock();
        try {
            if (next == drawn.length) {
                random.nextBytes(drawn);
                next = 0;
            }
            System.arraycopy(drawn, next, id, 0, ID_BYTES);
            next += ID_BYTES;
        } finally {
            lock.unlock();
        }
        return HEX.formatHex(id);
    }
}
