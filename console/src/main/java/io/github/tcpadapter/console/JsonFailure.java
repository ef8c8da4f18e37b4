package io.github.tcpadapter.console;

import io.github.tcpadapter.console.ConsoleViews.Failure;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A servlet's refusal as the console's API words its own: a {@link Failure} in JSON, which the page shows. */
final class JsonFailure {

    private JsonFailure() {
    }

    static void send(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(RecordJson.of(new Failure(error)));
    }
}
