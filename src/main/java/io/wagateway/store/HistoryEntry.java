package io.wagateway.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wagateway.model.MessageError;
import io.wagateway.model.MessageStatus;
import java.time.Instant;

/** One line of a message's history: a status, when it happened, and who said so (gateway or connector id). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(MessageStatus status, Instant at, String source, String providerStatus, MessageError error) {}
