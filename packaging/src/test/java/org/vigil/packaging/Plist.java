package org.vigil.packaging;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** An XML property list (launchd plists, configuration profiles) read with the JDK: dict, array, string, ... */
final class Plist {
    private Plist() {
    }

    /** The top-level value: a Map for a dict, a List for an array, a String, Boolean or Long otherwise. */
    static Object read(Path file) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // the DOCTYPE names Apple's DTD: never fetched
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setIgnoringComments(true);
            var builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            Element plist = builder.parse(file.toFile()).getDocumentElement();
            if (!plist.getTagName().equals("plist")) {
                throw new IOException(file + " is not a plist: its root is <" + plist.getTagName() + ">");
            }
            return value(children(plist).get(0), file);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not well-formed XML: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object value) {
        return (List<Object>) value;
    }

    private static Object value(Element element, Path file) throws IOException {
        switch (element.getTagName()) {
            case "dict" -> {
                Map<String, Object> dict = new LinkedHashMap<>();
                List<Element> items = children(element);
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    if (!items.get(i).getTagName().equals("key")) {
                        throw new IOException(file + ": a dict entry without its <key>");
                    }
                    if (dict.put(items.get(i).getTextContent(), value(items.get(i + 1), file)) != null) {
                        throw new IOException(file + ": key " + items.get(i).getTextContent() + " twice in one dict");
                    }
                }
                if (items.size() % 2 != 0) {
                    throw new IOException(file + ": a <key> without a value");
                }
                return dict;
            }
            case "array" -> {
                List<Object> array = new ArrayList<>();
                for (Element item : children(element)) {
                    array.add(value(item, file));
                }
                return array;
            }
            case "string" -> {
                return element.getTextContent();
            }
            case "integer" -> {
                return Long.parseLong(element.getTextContent().strip());
            }
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            default -> throw new IOException(file + ": <" + element.getTagName() + "> is not a plist value type here");
        }
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                children.add(child);
            }
        }
        return children;
    }
}
