package org.kakehashi.platform.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.http.MediaType;

/** An Atom 1.0 feed (RFC 4287) of public entries, written as text: the shared items', the advisories'. */
public final class AtomFeed {

	public static final MediaType MEDIA_TYPE = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

	/** One entry: a stable id (a URN or URL), its title, when it last changed, who wrote it, its page and a summary. */
	public record Entry(String id, String title, Instant updated, String author, String link, String summary) {
	}

	private AtomFeed() {
	}

	/** The feed; {@code updated} is the newest entry's time (the epoch for an empty feed). */
	public static String write(String id, String title, String selfLink, String alternateLink, List<Entry> entries) {
		var updated = entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
		var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
			.append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
			.append("  <id>").append(escape(id)).append("</id>\n")
			.append("  <title>").append(escape(title)).append("</title>\n")
			.append("  <updated>").append(DateTimeFormatter.ISO_INSTANT.format(updated)).append("</updated>\n")
			.append("  <link rel=\"self\" href=\"").append(escape(selfLink)).append("\"/>\n")
			.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(alternateLink)).append("\"/>\n");
		for (var entry : entries) {
			xml.append("  <entry>\n")
				.append("    <id>").append(escape(entry.id())).append("</id>\n")
				.append("    <title>").append(escape(entry.title())).append("</title>\n")
				.append("    <updated>").append(DateTimeFormatter.ISO_INSTANT.format(entry.updated())).append("</updated>\n")
				.append("    <author><name>").append(escape(entry.author())).append("</name></author>\n")
				.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(escape(entry.link())).append("\"/>\n")
				.append("    <summary type=\"text\">").append(escape(entry.summary())).append("</summary>\n")
				.append("  </entry>\n");
		}
		return xml.append("</feed>\n").toString();
	}

	/** The first {@code max} characters, with an ellipsis when cut. */
	public static String summary(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max) + "…";
	}

	/** XML text and attribute escaping; control characters XML 1.0 cannot carry are dropped. */
	public static String escape(String text) {
		var out = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
						out.appendCodePoint(c);
					}
				}
			}
		});
		return out.toString();
	}
}
