package io.concierge.documents;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WebP photos lose their EXIF and XMP chunks, and the header stops announcing them; the
 * picture's chunks stay byte for byte.
 */
class ImageCleanerTests {

	@Test
	void aWebpLosesItsExifAndXmpChunksAndKeepsThePicture() {
		byte[] vp8x = { 0x0C, 0, 0, 0, 0x3F, 0, 0, 0x3F, 0, 0 };
		byte[] picture = "lossless picture data".getBytes(StandardCharsets.US_ASCII);
		byte[] webp = riff(chunk("VP8X", vp8x), chunk("VP8L", picture),
				chunk("EXIF", "GPS 52.52N 13.40E".getBytes(StandardCharsets.US_ASCII)),
				chunk("XMP ", "<x:xmpmeta/>".getBytes(StandardCharsets.US_ASCII)));

		byte[] cleaned = ImageCleaner.withoutWebpMetadata(webp);

		String text = new String(cleaned, StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("EXIF").doesNotContain("GPS").doesNotContain("XMP");
		assertThat(text).contains("lossless picture data");
		assertThat(cleaned[12 + 8] & 0x0C).as("the header's EXIF and XMP flags").isZero();
		assertThat(ByteBuffer.wrap(cleaned).order(ByteOrder.LITTLE_ENDIAN).getInt(4)).isEqualTo(cleaned.length - 8);
		assertThat(cleaned)
			.isEqualTo(riff(chunk("VP8X", new byte[] { 0, 0, 0, 0, 0x3F, 0, 0, 0x3F, 0, 0 }), chunk("VP8L", picture)));
	}

	@Test
	void refusesAWebpWhoseChunksRunPastItsEnd() {
		byte[] broken = riff(chunk("VP8L", new byte[4]));
		ByteBuffer.wrap(broken).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 1000);
		assertThatThrownBy(() -> ImageCleaner.withoutWebpMetadata(broken)).isInstanceOf(DocumentRefused.class);
	}

	private static byte[] riff(byte[]... chunks) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
		for (byte[] chunk : chunks) {
			body.writeBytes(chunk);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.size()).array());
		out.writeBytes(body.toByteArray());
		return out.toByteArray();
	}

	private static byte[] chunk(String name, byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
		out.writeBytes(data);
		if (data.length % 2 == 1) {
			out.write(0);
		}
		return out.toByteArray();
	}

}
