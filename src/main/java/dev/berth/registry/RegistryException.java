package dev.berth.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything that can go wrong talking to a registry, as a small closed family. The message is
 * written for a person: what happened and what to do. It never contains a credential or token.
 */
public abstract sealed class RegistryException extends IOException {

    private final int status;
    private final List<OciError> errors;

    private RegistryException(String message, int status, List<OciError> errors, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** The HTTP status, or 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    /** The OCI error entries from the body, if the registry sent any. */
    public List<OciError> errors() {
        return errors;
    }

    public boolean hasErrorCode(String code) {
        return errors.stream().anyMatch(e -> e.code().equals(code));
    }

    /** True when trying again later may work (rate limits, server hiccups, network drops). */
    public boolean isTemporary() {
        return false;
    }

    /** 401: no credentials, wrong credentials, or a token the registry did not accept. */
    public static final class Unauthorized extends RegistryException {
        public Unauthorized(String message, int status, List<OciError> errors) {
            super(message, status, errors, null);
        }
    }

    /** 403, or a token without the needed access after asking for it. */
    public static final class Forbidden extends RegistryException {
        public Forbidden(String message, int status, List<OciError> errors) {
            super(message, status, errors, null);
        }
    }

    /** 404: the repository, manifest or blob does not exist (or is hidden from this user). */
    public static final class NotFound extends RegistryException {
        public NotFound(String message, int status, List<OciError> errors) {
            super(message, status, errors, null);
        }
    }

    /** 405 or UNSUPPORTED: the registry does not offer this operation (deletes disabled, no catalog…). */
    public static final class Unsupported extends RegistryException {
        public Unsupported(String message, int status, List<OciError> errors) {
            super(message, status, errors, null);
        }
    }

    /** 429 TOOMANYREQUESTS, with the wait the registry asked for when it said. */
    public static final class RateLimited extends RegistryException {
        private final Optional<Duration> retryAfter;

        public RateLimited(String message, int status, List<OciError> errors, Optional<Duration> retryAfter) {
            super(message, status, errors, null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return retryAfter;
        }

        @Override
        public boolean isTemporary() {
            return true;
        }
    }

    /**
     * The registry answered, but not as the protocol says: a wrong digest, garbage JSON, an
     * oversize manifest, a hostile redirect or link, an unexpected status.
     */
    public static final class ProtocolViolation extends RegistryException {
        private final boolean temporary;

        public ProtocolViolation(String message, int status, List<OciError> errors, boolean temporary) {
            super(message, status, errors, null);
            this.temporary = temporary;
        }

        public ProtocolViolation(String message) {
            this(message, 0, List.of(), false);
        }

        @Override
        public boolean isTemporary() {
            return temporary;
        }
    }

    /** No usable HTTP answer: connection refused, DNS, TLS, timeout. */
    public static final class TransportFailure extends RegistryException {
        private final boolean temporary;

        public TransportFailure(String message, Throwable cause, boolean temporary) {
            super(message, 0, List.of(), cause);
            this.temporary = temporary;
        }

        @Override
        public boolean isTemporary() {
            return temporary;
        }
    }

    /** A request Berth refuses to send for safety: credentials to a suspicious realm, plain http… */
    public static final class Refused extends RegistryException {
        public Refused(String message) {
            super(message, 0, List.of(), null);
        }
    }
}
