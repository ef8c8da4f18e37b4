package io.github.tcpadapter.outbound.transport;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Says in an operator's words why a TLS session to one target failed, with the engine's own words in brackets:
 * the JDK's messages ("PKIX path building failed", "Received fatal alert: certificate_required") name the
 * mechanism, not the configuration to look at. Never shows a password: none reaches an engine's messages.
 */
public final class TlsFailures {

    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    // JDK 21 and later begin the message of a handshake this side ended with the alert it sent
    // ("(certificate_unknown) No subject alternative names ..."): left out, the words are the same on every JDK
    private static final Pattern SENT_ALERT = Pattern.compile("^\\([a-z_]+\\) ");

    private final String host;
    private final String trustStore;
    private final boolean clientCertificate;

    /**
     * @param host the host name or address as configured, which the server's certificate must name
     * @param trustStore the trust store's file, or {@code null} for the JVM's default trust
     * @param clientCertificate whether a key store with a client certificate is configured
     */
    public TlsFailures(String host, String trustStore, boolean clientCertificate) {
        this.host = host;
        this.trustStore = trustStore;
        this.clientCertificate = clientCertificate;
    }

    /** @return why the session failed, and what to look at */
    public String explain(SSLException failure) {
        String detail = failure.getMessage() == null ? null
                : SENT_ALERT.matcher(failure.getMessage()).replaceFirst("");
        boolean expired = false;
        boolean nameMismatch = false;
        boolean untrusted = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            expired |= cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException;
            // the JDK's hostname check (sun.security.util.HostnameChecker) says so in these words only
            nameMismatch |= cause instanceof CertificateException
                    && (message.startsWith("No subject alternative") || message.startsWith("No name matching"));
            untrusted |= cause instanceof CertPathBuilderException
                    || cause.getClass().getName().equals("sun.security.validator.ValidatorException");
        }
        if (expired) {
            return "the server's certificate has expired or is not valid yet (" + detail + ")";
        }
        if (nameMismatch) {
            return "the server's certificate does not match the host name " + host + " (" + detail
                    + "); set hostnameVerification=false only for testing";
        }
        if (untrusted) {
            return "the server's certificate is not trusted by the trust store "
                    + (trustStore == null ? "of the JVM" : trustStore) + " (" + detail + ")";
        }
        return explainAlertOrMessage(detail);
    }

    private String explainAlertOrMessage(String detail) {
        if (detail == null) {
            return "no reason given";
        }
        Matcher alert = ALERT.matcher(detail);
        if (alert.find()) {
            switch (alert.group(1)) {
                case "certificate_required", "bad_certificate", "certificate_unknown", "unknown_ca",
                        "unsupported_certificate", "certificate_expired", "certificate_revoked", "access_denied" -> {
                    return clientCertificate
                            ? "the server did not accept this side's client certificate (" + detail
                                    + "); check keyStore and keyAlias"
                            : "the server requires a client certificate and none is configured (" + detail
                                    + "); set keyStore";
                }
                // a TLS 1.2 server may also answer a missing client certificate so (RFC 5246 7.4.6; Java 21 and
                // later do): without one of this side's, both causes are possible
                case "handshake_failure" -> {
                    return clientCertificate ? noCommonParameters(detail)
                            : "the server shares no TLS version or cipher suite with this side, or requires a client"
                                    + " certificate and none is configured (" + detail
                                    + "); check sslProtocols and cipherSuites, or set keyStore";
                }
                case "protocol_version", "insufficient_security" -> {
                    return noCommonParameters(detail);
                }
                default -> {
                    return "the server ended the session (" + detail + ")";
                }
            }
        }
        if (detail.startsWith("No appropriate protocol") || detail.contains("no cipher suites in common")) {
            return noCommonParameters(detail);
        }
        if (detail.startsWith("Unsupported or unrecognized SSL message")) {
            return "the peer does not speak TLS; is it a plaintext port? (" + detail + ")";
        }
        return detail;
    }

    private static String noCommonParameters(String detail) {
        return "the server shares no TLS version or cipher suite with this side (" + detail
                + "); check sslProtocols and cipherSuites";
    }
}
