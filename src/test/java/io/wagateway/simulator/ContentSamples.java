package io.wagateway.simulator;

import io.wagateway.model.ContactCard;
import io.wagateway.model.Content;
import io.wagateway.model.ContentType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One message of each content type, as the API would accept it, for sending through a simulation. */
final class ContentSamples {

    static final Map<ContentType, Content> ALL = all();

    private ContentSamples() {}

    private static Map<ContentType, Content> all() {
        Map<ContentType, Content> samples = new EnumMap<>(ContentType.class);
        samples.put(ContentType.TEXT, new Content.Text("Hello from the simulator", false));
        for (ContentType media : List.of(ContentType.IMAGE, ContentType.VIDEO, ContentType.AUDIO, ContentType.DOCUMENT,
                ContentType.STICKER)) {
            samples.put(media, new Content.Media(media, "https://example.org/file", null, null,
                    media == ContentType.DOCUMENT ? "file.pdf" : null));
        }
        samples.put(ContentType.LOCATION, new Content.Location(51.5072178, -0.1275862, "Pickup point", null));
        samples.put(ContentType.CONTACTS, new Content.Contacts(List.of(new ContactCard(
                new ContactCard.Name("Bea Lima", null, null), null, null, null, null, null, null))));
        samples.put(ContentType.TEMPLATE, new Content.Template("order_update", "en_US", null, null,
                List.of("Jessica"), null));
        samples.put(ContentType.BUTTONS, new Content.Buttons("Confirm?", null, null,
                List.of(new Content.ReplyButton("yes", "Yes"))));
        samples.put(ContentType.LIST, new Content.ListMessage("Pick a slot", "Slots", null, null,
                List.of(new Content.Section(null, List.of(new Content.Row("am", "Morning", null))))));
        samples.put(ContentType.REACTION, new Content.Reaction("wamid.SIM-EARLIER", "\uD83D\uDC4D"));
        return samples;
    }
}
