package io.concierge.partners;

/**
 * Whether a file a carrier sends as a photo or a signature is an image, by its first
 * bytes (the document store checks it again and cleans it).
 */
final class Images {

	private Images() {
	}

	static boolean isImage(byte[] content) {
		return starts(content, 0, 0x89, 'P', 'N', 'G') || starts(content, 0, 0xFF, 0xD8, 0xFF)
				|| (starts(content, 0, 'R', 'I', 'F', 'F') && starts(content, 8, 'W', 'E', 'B', 'P'))
				|| starts(content, 4, 'f', 't', 'y', 'p');
	}

	private static boolean starts(byte[] content, int offset, int... expected) {
		if (content.length < offset + expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if ((content[offset + i] & 0xFF) != expected[i]) {
				return false;
			}
		}
		return true;
	}

}
