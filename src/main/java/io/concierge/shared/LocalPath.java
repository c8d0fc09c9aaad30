package io.concierge.shared;

/**
 * A path to come back to after a detour, accepted only when it stays on this site.
 */
public final class LocalPath {

	private LocalPath() {
	}

	public static String orEmpty(String path) {
		boolean local = path.startsWith("/") && !path.startsWith("//") && !path.contains("\\") && !path.contains(":");
		return local ? path : "";
	}

}
