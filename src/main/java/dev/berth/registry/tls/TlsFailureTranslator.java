package dev.berth.registry.tls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;

/**
 * Turns the exceptions of a failed TLS connection into a {@link TlsProblem} a person can act on.
 *
 * <p>It reads exception classes first and JDK/OkHttp messages only where no class exists (received
 * TLS alerts, non-TLS bytes). It looks through causes <em>and suppressed</em> exceptions: when a
 * server rejects the client certificate it closes the socket right after its alert, so OkHttp often
 * ends on a retry's "Broken pipe" and keeps the telling alert as a suppressed exception. When the
 * alert was lost altogether (the reset overtook it), {@link #explain} asks the server again with a
 * {@link TlsHandshakeProbe}.
 */
public final class TlsFailureTranslator {

    private static final Pattern RECEIVED_ALERT = Pattern.compile("Received fatal alert: ([a-z_]+)");
    private static final Pattern SUBJECT_ALT_NAMES = Pattern.compile("subjectAltNames: \\[([^]]*)]");
    private static final Pattern VERIFIED_HOST = Pattern.compile("Hostname (\\S+) not verified");

    /** Alerts a server sends when it does not accept the client certificate it got (or got none). */
    private static final Set<String> CLIENT_CERTIFICATE_ALERTS = Set.of("bad_certificate", "certificate_unknown",
            "unknown_ca", "unsupported_certificate", "certificate_revoked", "certificate_expired", "access_denied");

    /** How long {@link #explain} waits for the server's verdict in its probe. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * The problem behind a failed call to {@code url} made with {@code context}: read from the
     * exception, or, when an https call failed on a lost connection with no TLS trace, from a
     * {@link TlsHandshakeProbe} of the same registry (one extra connection, at most a few seconds).
     */
    public static Optional<TlsProblem> explain(IOException failure, HttpUrl url, TlsContext context) {
        Optional<TlsProblem> problem = translate(failure, context);
        if (problem.isPresent() || !url.isHttps() || !mayHideTlsAlert(failure)) return problem;
        return TlsHandshakeProbe.probe(url, context, PROBE_TIMEOUT);
    }

    /**
     * Whether {@code failure} looks like a connection the server dropped, which is how a refused
     * client certificate often surfaces. Failures that never reached a TLS server (DNS, refused
     * connection, timeouts, Berth's own refusals) do not.
     */
    private static boolean mayHideTlsAlert(IOException failure) {
        return switch (failure) {
            case UnknownHostException e -> false;
            case ConnectException e -> false;
            case NoRouteToHostException e -> false;
            case InterruptedIOException e -> false;
            case TransportSecurityException e -> false;
            case TlsConfigurationException e -> false;
            default -> true;
        };
    }

    /** For a connection made with {@code context}: its files make the advice precise. */
    public static Optional<TlsProblem> translate(Throwable failure, TlsContext context) {
        return new Translation(context.registry(), context.extraCaFiles(), context.clientCertificateFiles()).of(failure);
    }

    /** For a connection to {@code registry} ({@code host:port}) with no extra CA and no client certificate. */
    public static Optional<TlsProblem> translate(Throwable failure, String registry) {
        return new Translation(HostPort.parse(registry).authority(), List.of(), List.of()).of(failure);
    }

    /**
     * Recognises the answer a TLS server gives to a plain-HTTP request: Go's (Distribution, Harbor,
     * Zot) and nginx's 400 pages. That answer is an HTTP response, not an exception.
     */
    public static Optional<TlsProblem> translateResponse(int status, String body, String registry) {
        if (status != 400) return Optional.empty();
        if (body.contains("Client sent an HTTP request to an HTTPS server")
                || body.contains("The plain HTTP request was sent to HTTPS port")) {
            return Optional.of(expectsTls(HostPort.parse(registry).authority()));
        }
        return Optional.empty();
    }

    private static TlsProblem expectsTls(String registry) {
        return new TlsProblem(TlsProblem.Kind.SERVER_EXPECTS_TLS,
                "the server at " + registry + " expects TLS: use https:// for this registry");
    }

    /** One translation: the registry and the files that were in play. */
    private record Translation(String registry, List<Path> caFiles, List<Path> clientFiles) {

        Optional<TlsProblem> of(Throwable failure) {
            List<Throwable> all = flatten(failure);
            return hostnameMismatch(all)
                    .or(() -> validity(all))
                    .or(() -> untrusted(all))
                    .or(() -> receivedAlert(all))
                    .or(() -> protocolConfusion(all))
                    .or(() -> otherTls(all));
        }

        private Optional<TlsProblem> hostnameMismatch(List<Throwable> all) {
            for (Throwable t : all) {
                String message = String.valueOf(t.getMessage());
                boolean okhttp = t instanceof SSLPeerUnverifiedException && VERIFIED_HOST.matcher(message).find();
                // The JDK's own check, should anyone enable endpoint identification on the socket.
                boolean jdk = t instanceof CertificateException
                        && (message.startsWith("No subject alternative") || message.startsWith("No name matching"));
                if (!okhttp && !jdk) continue;
                Matcher names = SUBJECT_ALT_NAMES.matcher(message);
                String listed = names.find() && !names.group(1).isBlank() ? " (it lists " + names.group(1) + ")" : "";
                Matcher host = VERIFIED_HOST.matcher(message);
                String name = host.find() ? host.group(1) : HostPort.parse(registry).host();
                return Optional.of(new TlsProblem(TlsProblem.Kind.HOSTNAME_MISMATCH,
                        "the server's certificate is not valid for " + name + listed + ": connect using a name the "
                                + "certificate lists, or have the certificate reissued with " + name
                                + " among its subject alternative names"));
            }
            return Optional.empty();
        }

        private Optional<TlsProblem> validity(List<Throwable> all) {
            // The dated exceptions say when; the validator's reason is the fallback when they are absent.
            for (Throwable t : all) {
                if (t instanceof CertificateExpiredException) return Optional.of(expired(" (" + t.getMessage() + ")"));
                if (t instanceof CertificateNotYetValidException) return Optional.of(notYetValid(" (" + t.getMessage() + ")"));
            }
            for (Throwable t : all) {
                if (t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                    return Optional.of(expired(""));
                }
                if (t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return Optional.of(notYetValid(""));
                }
            }
            return Optional.empty();
        }

        private static TlsProblem expired(String when) {
            return new TlsProblem(TlsProblem.Kind.CERTIFICATE_EXPIRED, "the server's certificate has expired" + when
                    + ": have it renewed on the server (if it should still be valid, check this computer's clock)");
        }

        private static TlsProblem notYetValid(String when) {
            return new TlsProblem(TlsProblem.Kind.CERTIFICATE_NOT_YET_VALID, "the server's certificate is not valid yet"
                    + when + ": check this computer's clock and date, or the certificate's start date on the server");
        }

        private Optional<TlsProblem> untrusted(List<Throwable> all) {
            boolean noPath = all.stream().anyMatch(t -> t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException v && v.getReason() != PKIXReason.INVALID_KEY_USAGE);
            if (!noPath) return Optional.empty();
            String configured = caFiles.isEmpty() ? "" : " (neither the system's CAs nor those in "
                    + caFiles.stream().map(Path::toString).collect(Collectors.joining(", ")) + " vouch for it)";
            return Optional.of(new TlsProblem(TlsProblem.Kind.UNTRUSTED_CERTIFICATE,
                    "the server's certificate is not trusted: add its CA in the connection's TLS settings, "
                            + "or place it at certs.d/" + registry + "/ca.crt" + configured));
        }

        private Optional<TlsProblem> receivedAlert(List<Throwable> all) {
            for (Throwable t : all) {
                if (!(t instanceof SSLException)) continue;
                Matcher matcher = RECEIVED_ALERT.matcher(String.valueOf(t.getMessage()));
                if (!matcher.find()) continue;
                String alert = matcher.group(1);
                if (alert.equals("certificate_required")
                        || clientFiles.isEmpty() && CLIENT_CERTIFICATE_ALERTS.contains(alert)) {
                    return Optional.of(clientCertificateRequired());
                }
                if (CLIENT_CERTIFICATE_ALERTS.contains(alert)) return Optional.of(clientCertificateRejected(alert));
                return Optional.of(refused(alert));
            }
            return Optional.empty();
        }

        private TlsProblem clientCertificateRequired() {
            if (clientFiles.isEmpty()) {
                return new TlsProblem(TlsProblem.Kind.CLIENT_CERTIFICATE_REQUIRED,
                        "the server requires a client certificate: add one in the connection's TLS settings, "
                                + "or place client.cert and client.key in certs.d/" + registry + "/");
            }
            // The JDK only offers a certificate whose issuer is on the server's list of acceptable CAs.
            return new TlsProblem(TlsProblem.Kind.CLIENT_CERTIFICATE_REQUIRED,
                    "the server requires a client certificate, and " + files(clientFiles) + " was not offered "
                            + "because the server does not accept certificates from its issuer: use a client "
                            + "certificate issued by a CA the server trusts");
        }

        private TlsProblem clientCertificateRejected(String alert) {
            String why = switch (alert) {
                case "certificate_expired" -> "as expired: renew the client certificate";
                case "certificate_revoked" -> "as revoked: ask for a new client certificate";
                case "unknown_ca" -> "because it does not trust its issuer: use a client certificate issued by a CA "
                        + "the server trusts";
                default -> "(" + alert + "): check that it is issued by a CA the server trusts, is meant for client "
                        + "authentication, and has not expired";
            };
            return new TlsProblem(TlsProblem.Kind.CLIENT_CERTIFICATE_REJECTED,
                    "the server rejected the client certificate " + files(clientFiles) + " " + why);
        }

        private TlsProblem refused(String alert) {
            String hint = switch (alert) {
                case "handshake_failure" -> clientFiles.isEmpty()
                        ? ": it may require a client certificate (add one in the connection's TLS settings), "
                                + "or accept none of the TLS versions and ciphers Berth offers"
                        : ": it accepts none of the TLS versions and ciphers Berth offers, or refused the client "
                                + "certificate";
                case "protocol_version", "insufficient_security" ->
                        ": it accepts none of the TLS versions and ciphers Berth offers (TLS 1.2 and 1.3)";
                default -> "";
            };
            return new TlsProblem(TlsProblem.Kind.HANDSHAKE_FAILED,
                    "the server at " + registry + " refused the TLS connection (" + alert + ")" + hint);
        }

        private Optional<TlsProblem> protocolConfusion(List<Throwable> all) {
            for (Throwable t : all) {
                String message = String.valueOf(t.getMessage());
                if (t instanceof SSLException && (message.contains("Unsupported or unrecognized SSL message")
                        || message.contains("plaintext connection?"))) {
                    return Optional.of(new TlsProblem(TlsProblem.Kind.SERVER_SPEAKS_PLAIN_HTTP,
                            "the server at " + registry + " answered in plain HTTP, not TLS: use http:// for this "
                                    + "registry (allowed for loopback; otherwise enable 'allow plain HTTP' for this "
                                    + "connection if you trust the network)"));
                }
                // OkHttp read a TLS record (0x15 alert, 0x16 handshake; then version 0x03) as a status line.
                if (t instanceof ProtocolException && message.startsWith("Unexpected status line: ")) {
                    String line = message.substring("Unexpected status line: ".length());
                    if (line.length() >= 2 && (line.charAt(0) == 0x15 || line.charAt(0) == 0x16) && line.charAt(1) == 0x03) {
                        return Optional.of(expectsTls(registry));
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<TlsProblem> otherTls(List<Throwable> all) {
            for (Throwable t : all) {
                if (t instanceof SSLHandshakeException && String.valueOf(t.getMessage()).contains("Remote host terminated the handshake")) {
                    return Optional.of(new TlsProblem(TlsProblem.Kind.HANDSHAKE_FAILED,
                            "the server at " + registry + " closed the connection during the TLS handshake: it may not "
                                    + "speak TLS on this port (use http:// if it is a plain-HTTP registry), or it "
                                    + "refused this client"));
                }
            }
            return all.stream().filter(t -> t instanceof SSLException).findFirst()
                    .map(t -> new TlsProblem(TlsProblem.Kind.HANDSHAKE_FAILED,
                            "the TLS connection to " + registry + " failed: " + t.getMessage()));
        }

        private static String files(List<Path> files) {
            return files.size() == 1 ? "from " + files.get(0)
                    : "from " + files.stream().map(Path::toString).collect(Collectors.joining(", "));
        }
    }

    /** The failure, its causes and suppressed exceptions, depth first, each once. */
    private static List<Throwable> flatten(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (t == null || !seen.add(t)) continue;
            all.add(t);
            List<Throwable> next = new ArrayList<>();
            next.add(t.getCause());
            next.addAll(List.of(t.getSuppressed()));
            for (int i = next.size() - 1; i >= 0; i--) {
                if (next.get(i) != null) pending.push(next.get(i));
            }
        }
        return all;
    }

    private TlsFailureTranslator() {}
}
