package io.wagateway.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A vCard-like contact as in the contract's {@code contacts} content. */
public record ContactCard(Name name, List<Phone> phones, List<Email> emails, Org org, List<Url> urls,
                          List<Address> addresses, String birthday) {

    public record Name(String formatted, String first, String last) {}

    public record Phone(String number, String type, String waId) {}

    /** Accepts {@code "a@b.c"} or {@code {"email": "a@b.c", "type": "WORK"}}. */
    public record Email(String email, String type) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Email of(String email) { return new Email(email, null); }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public static Email of(@JsonProperty("email") String email, @JsonProperty("type") String type) {
            return new Email(email, type);
        }
    }

    /** Accepts {@code "https://..."} or {@code {"url": "https://...", "type": "WORK"}}. */
    public record Url(String url, String type) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Url of(String url) { return new Url(url, null); }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public static Url of(@JsonProperty("url") String url, @JsonProperty("type") String type) {
            return new Url(url, type);
        }
    }

    /** Accepts {@code "Acme"} or {@code {"company": "Acme", "department": "...", "title": "..."}}. */
    public record Org(String company, String department, String title) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Org of(String company) { return new Org(company, null, null); }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public static Org of(@JsonProperty("company") String company, @JsonProperty("department") String department,
                             @JsonProperty("title") String title) {
            return new Org(company, department, title);
        }
    }

    public record Address(String street, String city, String state, String zip, String country,
                          String countryCode, String type) {}
}
