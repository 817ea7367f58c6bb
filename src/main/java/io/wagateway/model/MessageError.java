package io.wagateway.model;

/** The {@code error} object of the contract: a canonical category plus the provider's own code. */
public record MessageError(ErrorCategory category, String code, String title, String detail, boolean retryable) {}
