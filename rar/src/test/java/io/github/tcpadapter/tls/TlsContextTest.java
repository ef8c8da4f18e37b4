package io.github.tcpadapter.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloading changed stores where the caller says, never on the thread that asks for an engine. */
class TlsContextTest {

    @TempDir
    Path dir;

    @Test
    void changedStoresAreReloadedOnTheGivenExecutorNotByTheCaller() throws Exception {
        TestCertificates.Identity authority = TestCertificates.authority("CA");
        Path keys = authority.issue("first").writeKeyStore(dir.resolve("keys.p12"), "server", "PKCS12");
        TlsSettings settings = new TlsSettings(new StoreFile("keyStore", keys, null, TestCertificates.PASSWORD),
                null, null, List.of("TLSv1.3"), List.of(), 10_000, 1);
        Queue<Runnable> reloads = new ArrayDeque<>();
        TlsContext tls = TlsContext.open(settings, "test", reloads::add);
        SSLContext before = tls.current();

        authority.issue("second").writeKeyStore(keys, "server", "PKCS12");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reloads.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // sslReloadIntervalMillis is 1
            tls.serverEngine(ClientAuth.NONE);
        }

        for (int i = 0; i < 3; i++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the interval passes again
            tls.serverEngine(ClientAuth.NONE);
        }
        assertThat(reloads).as("one reload handed over, however often engines were asked for").hasSize(1);
        assertThat(tls.current()).as("not reloaded by the caller").isSameAs(before);
        reloads.poll().run();
        assertThat(tls.current()).isNotSameAs(before);
    }
}
