package io.wagateway.connector;

/** A sender as a connector needs it: the business number and the provider-side ids of that number. */
public record SenderConfig(String id, String number, String connectorId, String phoneNumberId, String wabaId,
                           String appId, int throughput, boolean identityCheck) {}
