package io.github.tcpadapter.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes certificate authorities, certificates and store files for tests, with Bouncy Castle, at test time: no key
 * is ever committed. EC P-256 keys, since they are made in a millisecond.
 */
public final class TestCertificates {

    /** The password of every store this class writes. */
    public static final String PASSWORD = "test-secret";

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A private key with its certificate chain, leaf first. */
    public record Identity(PrivateKey key, X509Certificate[] chain) {

        /** @return the leaf certificate */
        public X509Certificate certificate() {
            return chain[0];
        }

        /**
         * Issues a certificate signed by this identity.
         *
         * @param commonName the subject's CN
         * @param subjectAlternativeNames DNS names and IP addresses the certificate is valid for; none for a
         *     client certificate
         */
        public Identity issue(String commonName, String... subjectAlternativeNames) {
            return TestCertificates.issue(this, commonName, false, subjectAlternativeNames);
        }

        /**
         * Writes a key store with this identity's key under {@code alias}.
         *
         * @param file where to write; replaced atomically if it exists, as a deployer rotating a certificate would
         * @param type PKCS12 or JKS
         */
        public Path writeKeyStore(Path file, String alias, String type) {
            return writeKeyStore(file, alias, type, PASSWORD);
        }

        /**
         * Writes a key store with this identity's key under {@code alias}, the store and the key protected by
         * {@code password}.
         *
         * @param password the password; empty for a store without one
         */
        public Path writeKeyStore(Path file, String alias, String type, String password) {
            try {
                KeyStore store = KeyStore.getInstance(type);
                store.load(null, null);
                store.setKeyEntry(alias, key, password.toCharArray(), chain);
                return write(store, file, password);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** @return a new self-signed certificate authority */
    public static Identity authority(String commonName) {
        return issue(null, commonName, true);
    }

    /**
     * Writes a trust store holding the certificates.
     *
     * @param file where to write
     * @param type PKCS12 or JKS
     */
    public static Path writeTrustStore(Path file, String type, X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("trusted-" + i, trusted[i]);
            }
            return write(store, file, PASSWORD);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(KeyStore store, Path file, String password)
            throws IOException, GeneralSecurityException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "store", ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password.toCharArray());
        }
        return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Identity issue(Identity issuer, String commonName, boolean authority, String... names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Principal subject = new X500Principal("CN=" + commonName + ", O=TCP adapter tests");
            X500Principal issuerName = issuer == null ? subject : issuer.certificate().getSubjectX500Principal();
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (names.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            }
            PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.key();
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            if (issuer != null) {
                chain.addAll(List.of(issuer.chain()));
            }
            return new Identity(pair.getPrivate(), chain.toArray(X509Certificate[]::new));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make a test certificate for " + commonName, e);
        }
    }

    private static GeneralNames alternativeNames(String... names) throws IOException {
        GeneralName[] general = new GeneralName[names.length];
        for (int i = 0; i < names.length; i++) {
            boolean address = names[i].matches("[0-9.]+") || names[i].contains(":");
            general[i] = address ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(names[i])
                    .getHostAddress()) : new GeneralName(GeneralName.dNSName, names[i]);
        }
        return new GeneralNames(general);
    }
}
