package io.wagateway.connector;

import io.wagateway.model.ContentType;
import java.util.Set;

/** What a connector can carry; the API refuses other content with a problem naming it. */
public record Capabilities(Set<ContentType> contentTypes, boolean readReceipts, boolean businessScopedUserIds) {

    public boolean supports(ContentType type) { return contentTypes.contains(type); }
}
