package io.wagateway.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the provider says the message costs: billable, rate category, pricing model and type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pricing(Boolean billable, String category, String model, String type) {}
