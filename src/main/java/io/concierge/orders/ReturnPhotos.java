package io.concierge.orders;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;

/**
 * Checks the photos a customer adds to a return: at most five, each at most 5 MB, and
 * really a JPEG or PNG image (its bytes are read as one, whatever its name says).
 */
public final class ReturnPhotos {

	public static final int MAX_PHOTOS = 5;

	public static final int MAX_BYTES = 5 * 1024 * 1024;

	/**
	 * A photo as uploaded.
	 */
	public record Photo(String contentType, byte[] content) {

	}

	/**
	 * Why a photo was refused, as the end of a message key
	 * ({@code return.photo.<reason>}).
	 */
	public static class PhotoRefused extends RuntimeException {

		private final String reason;

		public PhotoRefused(String reason) {
			super("Photo refused: " + reason);
			this.reason = reason;
		}

		public String reason() {
			return this.reason;
		}

	}

	private ReturnPhotos() {
	}

	/**
	 * @return the photos with the content type their bytes show
	 * @throws PhotoRefused when there are too many, one is too large or is not an image
	 */
	public static List<Photo> check(List<byte[]> uploads) {
		if (uploads.size() > MAX_PHOTOS) {
			throw new PhotoRefused("tooMany");
		}
		return uploads.stream().map(ReturnPhotos::checkOne).toList();
	}

	private static Photo checkOne(byte[] content) {
		if (content.length > MAX_BYTES) {
			throw new PhotoRefused("tooLarge");
		}
		String type = type(content);
		if (type == null) {
			throw new PhotoRefused("notAnImage");
		}
		try {
			if (ImageIO.read(new ByteArrayInputStream(content)) == null) {
				throw new PhotoRefused("notAnImage");
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof PhotoRefused refused) {
				throw refused;
			}
			throw new PhotoRefused("notAnImage");
		}
		return new Photo(type, content);
	}

	private static @Nullable String type(byte[] content) {
		if (content.length > 3 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xD8
				&& (content[2] & 0xFF) == 0xFF) {
			return "image/jpeg";
		}
		if (content.length > 8 && (content[0] & 0xFF) == 0x89 && content[1] == 'P' && content[2] == 'N'
				&& content[3] == 'G') {
			return "image/png";
		}
		return null;
	}

}
