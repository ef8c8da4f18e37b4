package io.github.tcpadapter.correlation;

import io.github.tcpadapter.api.TcpCorrelation;
import java.util.Optional;

/** A correlation that reads a reply's key exactly where and as it reads a request's. */
interface SymmetricCorrelation extends TcpCorrelation {

    /**
     * @param frame a request or a received frame
     * @return its key, empty if it has none
     */
    Optional<String> key(byte[] frame);

    @Override
    default Optional<String> requestKey(byte[] request) {
        return key(request);
    }

    @Override
    default Optional<String> replyKey(byte[] frame) {
        return key(frame);
    }
}
