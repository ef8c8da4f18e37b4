package io.github.tcpadapter.conversation;

import io.github.tcpadapter.api.TcpCorrelation;
import jakarta.resource.ResourceException;
import java.util.Optional;

/** Reads the key of a {@code requestAsync} request, for a factory's links and a listener's sessions alike. */
public final class RequestKeys {

    private RequestKeys() {
    }

    /**
     * @param keys the correlation; empty in order
     * @param payload the request
     * @return its key; {@code null} in order
     * @throws ResourceException if the correlation cannot read a key from it (nothing is written then), or the
     *     application's correlation class cannot be used
     */
    public static String of(Optional<TcpCorrelation> keys, byte[] payload) throws ResourceException {
        if (keys.isEmpty()) {
            return null;
        }
        Optional<String> key;
        try {
            key = keys.get().requestKey(payload);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof ResourceException unusable) { // the application's class (correlationClass)
                throw unusable;
            }
            throw new ResourceException("The correlation could not read the request's key: " + e + "; nothing "
                    + "written", e);
        }
        return key.orElseThrow(() -> new ResourceException("The request carries no key the correlation can read; "
                + "nothing written"));
    }
}
