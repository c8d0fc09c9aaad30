package io.concierge.notifications.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text cut into pieces of text and web links, so a page can make the links
 * clickable while every piece stays escaped.
 *
 * @param text the piece as written
 * @param link whether it is an http(s) link
 */
record LinkedText(String text, boolean link) {

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

	static List<LinkedText> of(String body) {
		List<LinkedText> pieces = new ArrayList<>();
		Matcher links = LINK.matcher(body);
		int start = 0;
		while (links.find()) {
			if (links.start() > start) {
				pieces.add(new LinkedText(body.substring(start, links.start()), false));
			}
			pieces.add(new LinkedText(links.group(), true));
			start = links.end();
		}
		if (start < body.length()) {
			pieces.add(new LinkedText(body.substring(start), false));
		}
		return pieces;
	}

}
