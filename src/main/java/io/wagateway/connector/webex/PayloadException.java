package io.wagateway.connector.webex;

/**
 * A message this connector cannot put on the wire. {@code row} names the errors.csv row the failure is reported
 * with, {@code getMessage()} says what exactly is wrong (never message text or a number).
 */
final class PayloadException extends RuntimeException {

    private final String row;

    PayloadException(String row, String detail) {
        super(detail, null, false, false);
        this.row = row;
    }

    String row() { return row; }
}
