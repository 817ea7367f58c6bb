package io.wagateway.connector.cm;

import io.wagateway.connector.ErrorCatalogue;
import io.wagateway.connector.ProviderEvent;
import io.wagateway.connector.StatusMap;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one CM status report into a canonical receipt. The reference is our message id (see {@link CmReference})
 * and also stands as the provider id, since CM names messages no other way. CM retries a report unchanged for up to
 * seven days, so {@code providerStatus} is the code plus the report's registration time: a retry repeats the
 * receipt's dedupe key exactly, while a later report with the same code stays a fact of its own.
 */
final class CmReceipts {

    private static final Logger log = LoggerFactory.getLogger(CmReceipts.class);

    static final String REPORT_PREFIX = "report-";
    static final String REPORT_REJECTED = "report-rejected";
    static final String REPORT_FAILED = "report-failed";
    /** CM's code for "rejected": not sent at all, as opposed to sent and not delivered. */
    private static final String REJECTED_CODE = "1";

    private final ErrorCatalogue errors;
    private final StatusMap statuses;

    CmReceipts(ErrorCatalogue errors, StatusMap statuses) {
        this.errors = errors;
        this.statuses = statuses;
    }

    /** The receipt for a report; empty (and logged) when it has no reference or an unknown or ignored code. */
    Optional<ProviderEvent.Receipt> receipt(CmStatusReports.Report report, Supplier<String> redactedBody) {
        String reference = report.reference();
        if (reference == null) {
            log.warn("CM status report without a reference skipped: it cannot be matched to a message");
            return Optional.empty();
        }
        StatusMap.Mapping mapping = statuses.map(report.code());
        if (mapping instanceof StatusMap.Mapping.Ignored) {
            log.debug("CM status report code {} for reference {} ignored", report.code(), reference);
            return Optional.empty();
        }
        if (!(mapping instanceof StatusMap.Mapping.To to)) {
            // the message keeps its status; the body is kept in the log for whoever extends statuses.csv
            log.info("CM status report with unknown code '{}' for reference {}: UNKNOWN, status unchanged; body {}",
                    report.code() == null ? null : CmRedaction.body(report.code()), reference, redactedBody.get());
            return Optional.empty();
        }
        Instant received = CmTimes.parse(report.received());
        MessageError error = to.status() == MessageStatus.FAILED ? error(report) : null;
        return Optional.of(new ProviderEvent.Receipt(reference, CmReference.gatewayMessageId(reference).orElse(null),
                to.status(), providerStatus(report.code(), report.received(), received), received, error, null,
                CmNumbers.digits(report.to()), null, null));
    }

    /**
     * The standard error's catalogue row ({@code report-<code>}); an unknown one falls back on the status, keeping
     * CM's code. CM's text for the error, when it gave one, is the title.
     */
    private MessageError error(CmStatusReports.Report report) {
        String code = report.errorCode() == null || report.errorCode().equals("0") ? null : report.errorCode();
        String fallback = REJECTED_CODE.equals(report.code()) ? REPORT_REJECTED : REPORT_FAILED;
        if (code == null) {
            return errors.lookup(fallback).error(fallback, report.errorDescription(), null);
        }
        return errors.find(REPORT_PREFIX + code).orElseGet(() -> errors.lookup(fallback))
                .error(code, report.errorDescription(), null);
    }

    /** {@code <code>@<received, to the second>}; at most 32 characters, the width of the history column. */
    static String providerStatus(String code, String rawReceived, Instant received) {
        String normalised = code.strip();
        if (received != null) {
            return normalised + "@" + CmTimes.seconds(received);
        }
        if (rawReceived != null) {
            return normalised + "@" + sha256Hex(rawReceived).substring(0, 16);
        }
        return normalised;
    }

    private static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
