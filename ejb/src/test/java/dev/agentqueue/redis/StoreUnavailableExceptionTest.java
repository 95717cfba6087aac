package dev.agentqueue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class StoreUnavailableExceptionTest {

    /** Stands in for the Redis client's exception, a class a remote caller does not have. */
    static final class DriverException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DriverException(String message) {
            super(message);
        }
    }

    @Test
    void crossesARemoteCallWithItsMessageButWithoutTheRedisClientsCause() throws Exception {
        StoreUnavailableException thrown =
                new StoreUnavailableException("Redis is unavailable: connection refused", new DriverException("x"));

        StoreUnavailableException received = (StoreUnavailableException) roundTrip(thrown);

        assertThat(received)
                .hasMessage("Redis is unavailable: connection refused")
                .hasNoCause();
        assertThat(received.getStackTrace()).isEqualTo(thrown.getStackTrace());
        assertThat(thrown).hasCauseInstanceOf(DriverException.class);
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
