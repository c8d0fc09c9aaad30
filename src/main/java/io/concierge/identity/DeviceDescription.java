package io.concierge.identity;

import java.util.Locale;

/**
 * A browser and system named the way a person recognises them ("Firefox on Windows"),
 * read from a User-Agent header; never more precise than that.
 */
final class DeviceDescription {

	private DeviceDescription() {
	}

	static String of(String userAgent) {
		String agent = (userAgent != null) ? userAgent.toLowerCase(Locale.ROOT) : "";
		return browser(agent) + " on " + system(agent);
	}

	private static String browser(String agent) {
		if (agent.contains("edg/")) {
			return "Edge";
		}
		if (agent.contains("firefox/")) {
			return "Firefox";
		}
		if (agent.contains("chrome/") || agent.contains("chromium/") || agent.contains("crios/")) {
			return "Chrome";
		}
		if (agent.contains("safari/")) {
			return "Safari";
		}
		return "A browser";
	}

	private static String system(String agent) {
		if (agent.contains("android")) {
			return "Android";
		}
		if (agent.contains("iphone") || agent.contains("ipad")) {
			return "iOS";
		}
		if (agent.contains("windows")) {
			return "Windows";
		}
		if (agent.contains("mac os")) {
			return "macOS";
		}
		if (agent.contains("linux")) {
			return "Linux";
		}
		return "an unknown system";
	}

}
