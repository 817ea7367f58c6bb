package io.wagateway.connector.cm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads CM status reports in each form they come in (providers/cm-api.md section 3): the JSON layout
 * ({@code messages.msg} with a nested {@code status}), the XML layout ({@code MESSAGES/MSG} with a {@code RECEIVED}
 * attribute), and flat parameters for legacy GET callbacks. Names are matched ignoring case. A GET callback's URL is
 * composed by the customer in CM's portal, so besides the JSON names the placeholder names are read too
 * ({@code GSM}, {@code STATUS}, {@code STATUSDESCRIPTION}, {@code STANDARDERRORTEXT}, {@code CREATED_S}).
 */
final class CmStatusReports {

    /** One report, every value as CM wrote it. */
    record Report(String reference, String to, String code, String errorCode, String errorDescription,
                  String received) {}

    static final List<String> REFERENCE = List.of("reference");
    static final List<String> TO = List.of("to", "gsm");
    static final List<String> CODE = List.of("code", "status", "statuscode");
    static final List<String> ERROR_CODE = List.of("errorCode", "statusdescription");
    static final List<String> ERROR_TEXT = List.of("errorDescription", "standarderrortext");
    static final List<String> RECEIVED = List.of("received", "created_s", "createddatetime");

    private CmStatusReports() {}

    /** The reports in a JSON body: {@code messages} and {@code msg} may each be an object or an array. */
    static List<Report> fromJson(JsonNode root) {
        List<JsonNode> msgs = new ArrayList<>();
        for (JsonNode messages : CmJson.elements(CmJson.field(root, "messages"))) {
            msgs.addAll(CmJson.elements(CmJson.field(messages, "msg")));
        }
        List<Report> reports = new ArrayList<>();
        for (JsonNode msg : msgs) {
            JsonNode status = CmJson.field(msg, "status");
            // the documented layout nests the code in status{}; a flat one puts it beside the reference
            JsonNode codes = status.isObject() ? status : msg;
            reports.add(new Report(jsonText(msg, REFERENCE), jsonText(msg, TO),
                    status.isObject() ? jsonText(status, CODE) : jsonText(msg, CODE),
                    jsonText(codes, ERROR_CODE), jsonText(codes, ERROR_TEXT), jsonText(msg, RECEIVED)));
        }
        return reports;
    }

    /** A report given as flat name/value pairs (GET query or form body); null when there is no reference or code. */
    static Report fromParameters(Map<String, String> parameters) {
        Function<List<String>, String> value = names -> {
            for (String name : names) {
                for (Map.Entry<String, String> e : parameters.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isBlank()) {
                        return e.getValue().strip();
                    }
                }
            }
            return null;
        };
        Report report = new Report(value.apply(REFERENCE), value.apply(TO), value.apply(CODE),
                value.apply(ERROR_CODE), value.apply(ERROR_TEXT), value.apply(RECEIVED));
        return report.reference() == null && report.code() == null ? null : report;
    }

    /**
     * The reports in an XML body.
     *
     * @throws CmWebhookException if the body is not well-formed XML (or declares a DTD, which CM's layout never does)
     */
    static List<Report> fromXml(byte[] body) {
        Document document = parseXml(body);
        Element root = document.getDocumentElement();
        List<Element> msgs = "msg".equalsIgnoreCase(root.getTagName()) ? List.of(root) : children(root, "msg");
        List<Report> reports = new ArrayList<>();
        for (Element msg : msgs) {
            Element status = children(msg, "status").stream().findFirst().orElse(null);
            boolean nested = status != null && !children(status, "code").isEmpty();
            Element codes = nested ? status : msg;
            String code = nested ? xmlText(status, CODE) : xmlText(msg, CODE);
            String received = attribute(msg, RECEIVED);
            reports.add(new Report(xmlText(msg, REFERENCE), xmlText(msg, TO), code, xmlText(codes, ERROR_CODE),
                    xmlText(codes, ERROR_TEXT), received != null ? received : xmlText(msg, RECEIVED)));
        }
        return reports;
    }

    private static String jsonText(JsonNode node, List<String> names) {
        for (String name : names) {
            String text = CmJson.text(CmJson.field(node, name));
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static Document parseXml(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // no DTDs, no external entities: a webhook body must not make us read files or call URLs
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // throws on fatal errors like the default handler, without printing them to stderr
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new CmWebhookException("status report is not well-formed XML");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be configured safely", e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equalsIgnoreCase(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String xmlText(Element parent, List<String> names) {
        for (String name : names) {
            for (Element child : children(parent, name)) {
                String text = child.getTextContent();
                if (text != null && !text.isBlank() && children(child, "code").isEmpty()) {
                    return text.strip();
                }
            }
        }
        return null;
    }

    private static String attribute(Element element, List<String> names) {
        var attributes = element.getAttributes();
        for (String name : names) {
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                if (attribute.getNodeName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                        && !attribute.getNodeValue().isBlank()) {
                    return attribute.getNodeValue().strip();
                }
            }
        }
        return null;
    }
}
