package dev.lookout.status;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes RSS 2.0 and Atom (RFC 4287) documents with the JDK's StAX writer, which escapes every
 * text and attribute; entry content is sanitised HTML, written as escaped text ({@code type="html"}
 * in Atom, the usual {@code <description>} in RSS). Characters that XML 1.0 does not allow at all
 * (most control characters, lone surrogates) are dropped first, since no escaping can carry them
 * and one would make the whole feed unreadable.
 */
final class SyndicationWriter {
    static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    /** RFC 822 dates as RSS 2.0 wants them, in GMT. */
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
            .withLocale(Locale.ROOT);
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    /**
     * What the feed as a whole is.
     *
     * @param self the feed's own URL
     * @param site the page the feed belongs to
     */
    record Channel(String title, String description, String self, String site, String author) {
    }

    private SyndicationWriter() {
    }

    /** The newest {@code updated} of the items, or the epoch for an empty feed (stable, so the ETag is too). */
    static Instant updated(List<FeedItem> items) {
        return items.stream().map(FeedItem::updated).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }

    static byte[] rss(Channel channel, List<FeedItem> items) {
        return write(w -> {
            w.writeStartElement("rss");
            w.writeAttribute("version", "2.0");
            w.writeNamespace("atom", ATOM_NS);
            newline(w);
            w.writeStartElement("channel");
            newline(w);
            element(w, "title", channel.title());
            element(w, "link", channel.site());
            element(w, "description", channel.description());
            w.writeEmptyElement("atom", "link", ATOM_NS);
            w.writeAttribute("href", xml(channel.self()));
            w.writeAttribute("rel", "self");
            w.writeAttribute("type", "application/rss+xml");
            newline(w);
            element(w, "lastBuildDate", RFC_822.format(updated(items)));
            element(w, "generator", "Lookout");
            for (FeedItem item : items) {
                w.writeStartElement("item");
                newline(w);
                element(w, "title", item.title());
                element(w, "link", item.link());
                w.writeStartElement("guid");
                w.writeAttribute("isPermaLink", "false"); // the id is no page: the link is
                w.writeCharacters(xml(item.id()));
                w.writeEndElement();
                newline(w);
                element(w, "pubDate", RFC_822.format(item.updated()));
                element(w, "description", item.html());
                w.writeEndElement();
                newline(w);
            }
            w.writeEndElement();
            newline(w);
            w.writeEndElement();
        });
    }

    static byte[] atom(Channel channel, List<FeedItem> items) {
        return write(w -> {
            w.writeStartElement("feed");
            w.writeDefaultNamespace(ATOM_NS);
            newline(w);
            element(w, "id", channel.self());
            element(w, "title", channel.title());
            element(w, "subtitle", channel.description());
            element(w, "updated", rfc3339(updated(items)));
            link(w, "self", channel.self(), "application/atom+xml");
            link(w, "alternate", channel.site(), "text/html");
            w.writeStartElement("author");
            newline(w);
            element(w, "name", channel.author());
            w.writeEndElement();
            newline(w);
            element(w, "generator", "Lookout");
            for (FeedItem item : items) {
                w.writeStartElement("entry");
                newline(w);
                element(w, "id", item.id());
                element(w, "title", item.title());
                element(w, "published", rfc3339(item.published()));
                element(w, "updated", rfc3339(item.updated()));
                link(w, "alternate", item.link(), "text/html");
                w.writeStartElement("content");
                w.writeAttribute("type", "html");
                w.writeCharacters(xml(item.html()));
                w.writeEndElement();
                newline(w);
                w.writeEndElement();
                newline(w);
            }
            w.writeEndElement();
        });
    }

    /** RFC 3339 as Atom wants it, in UTC to the second. */
    private static String rfc3339(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        w.writeEmptyElement("link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", xml(href));
        if (type != null) {
            w.writeAttribute("type", type);
        }
        newline(w);
    }

    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(xml(text));
        w.writeEndElement();
        newline(w);
    }

    private static void newline(XMLStreamWriter w) throws XMLStreamException {
        w.writeCharacters("\n");
    }

    /** The text without the characters XML 1.0 cannot contain (tab, line feed and carriage return stay). */
    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(SyndicationWriter::allowed).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private interface Body {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            newline(w);
            body.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a feed", e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
