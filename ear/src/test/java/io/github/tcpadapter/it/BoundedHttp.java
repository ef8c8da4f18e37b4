package io.github.tcpadapter.it;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP exchange whose whole answer is bounded: {@code HttpRequest.timeout} covers only the wait for the headers,
 * and a body that never ends (a stream where a page was expected) would hold the test forever.
 */
final class BoundedHttp {

    private static final long SECONDS = 30;

    private BoundedHttp() {
    }

    /** @return the response, its whole body read within 30 s */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> response = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        try {
            return response.get(SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new IOException("No whole answer to " + request.method() + " " + request.uri() + " within "
                    + SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
