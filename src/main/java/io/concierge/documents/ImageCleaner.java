package io.concierge.documents;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Photos lose what they tell beyond the picture: where they were taken (EXIF GPS), the
 * camera, the software. JPEG and PNG are decoded and encoded again, which keeps the
 * pixels alone; WebP loses its EXIF and XMP chunks. HEIC cannot be cleaned here, so it is
 * refused with the advice to send a JPEG.
 */
final class ImageCleaner {

	/** More pixels than this is a decompression bomb, not a photo. */
	private static final long MAX_PIXELS = 50_000_000L;

	private static final Set<String> WEBP_METADATA = Set.of("EXIF", "XMP ");

	private ImageCleaner() {
	}

	/**
	 * The content as it is kept: cleaned if it is an image.
	 * @throws DocumentRefused when an image cannot be read or cleaned
	 */
	static byte[] cleaned(byte[] content, String type) {
		return switch (type) {
			case "image/jpeg" -> encodedAgain(content, "jpeg");
			case "image/png" -> encodedAgain(content, "png");
			case "image/webp" -> withoutWebpMetadata(content);
			case "image/heic" -> throw new DocumentRefused("heic");
			default -> content;
		};
	}

	private static byte[] encodedAgain(byte[] content, String format) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) {
				throw new DocumentRefused("image");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
					throw new DocumentRefused("image");
				}
				BufferedImage image = reader.read(0);
				if (format.equals("jpeg") && image.getColorModel().hasAlpha()) {
					BufferedImage opaque = new BufferedImage(image.getWidth(), image.getHeight(),
							BufferedImage.TYPE_INT_RGB);
					opaque.createGraphics().drawImage(image, 0, 0, null);
					image = opaque;
				}
				ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
				if (!ImageIO.write(image, format, out)) {
					throw new DocumentRefused("image");
				}
				return out.toByteArray();
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof DocumentRefused refused) {
				throw refused;
			}
			throw new DocumentRefused("image");
		}
	}

	/**
	 * The WebP (a RIFF container of chunks) without its EXIF and XMP chunks, and with the
	 * extended header's flags for them cleared.
	 */
	static byte[] withoutWebpMetadata(byte[] content) {
		ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
		if (content.length < 12 || !fourCc(in, 0).equals("RIFF") || !fourCc(in, 8).equals("WEBP")) {
			throw new DocumentRefused("image");
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
		out.write(content, 0, 12);
		int at = 12;
		while (at + 8 <= content.length) {
			String chunk = fourCc(in, at);
			long size = Integer.toUnsignedLong(in.getInt(at + 4));
			long end = at + 8 + size + (size % 2);
			if (end > content.length) {
				throw new DocumentRefused("image");
			}
			if (!WEBP_METADATA.contains(chunk)) {
				byte[] kept = java.util.Arrays.copyOfRange(content, at, (int) end);
				if (chunk.equals("VP8X")) {
					if (size < 10) {
						// the extended header is ten bytes: a shorter one is no WebP
						throw new DocumentRefused("image");
					}
					// the extended header's flags say EXIF (0x08) and XMP (0x04) follow:
					// not any more
					kept[8] &= (byte) ~0x0C;
				}
				out.write(kept, 0, kept.length);
			}
			at = (int) end;
		}
		byte[] cleaned = out.toByteArray();
		ByteBuffer.wrap(cleaned).order(ByteOrder.LITTLE_ENDIAN).putInt(4, cleaned.length - 8);
		return cleaned;
	}

	private static String fourCc(ByteBuffer buffer, int at) {
		byte[] name = new byte[4];
		buffer.get(at, name);
		return new String(name, StandardCharsets.US_ASCII);
	}

}
