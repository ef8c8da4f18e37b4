package io.github.tcpadapter.framing;

import java.io.IOException;

/** A payload that cannot be framed, or bytes that do not form a valid frame. */
public class FramingException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message which rule was broken, with the numbers involved */
    public FramingException(String message) {
        super(message);
    }
}
