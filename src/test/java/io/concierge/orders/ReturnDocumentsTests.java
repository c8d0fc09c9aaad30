package io.concierge.orders;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The photos a customer adds to a return and the label they print.
 */
class ReturnDocumentsTests {

	@Test
	void takesPhotosThatAreReallyImagesAndSaysWhatTheirBytesAre() throws IOException {
		List<ReturnPhotos.Photo> photos = ReturnPhotos.check(List.of(image("png"), image("jpg")));

		assertThat(photos).extracting(ReturnPhotos.Photo::contentType).containsExactly("image/png", "image/jpeg");
	}

	@Test
	void refusesAFileThatOnlyPretendsToBeAnImageOrIsBroken() throws IOException {
		assertThatThrownBy(
				() -> ReturnPhotos.check(List.of("<html>not a photo</html>".getBytes(StandardCharsets.UTF_8))))
			.isInstanceOfSatisfying(ReturnPhotos.PhotoRefused.class,
					(refused) -> assertThat(refused.reason()).isEqualTo("notAnImage"));
		byte[] png = image("png");
		byte[] truncated = java.util.Arrays.copyOf(png, 40);
		assertThatThrownBy(() -> ReturnPhotos.check(List.of(truncated))).isInstanceOf(ReturnPhotos.PhotoRefused.class);
	}

	@Test
	void refusesMoreThanFivePhotosOrOneOverFiveMegabytes() throws IOException {
		assertThatThrownBy(() -> ReturnPhotos.check(Collections.nCopies(6, image("png")))).isInstanceOfSatisfying(
				ReturnPhotos.PhotoRefused.class, (refused) -> assertThat(refused.reason()).isEqualTo("tooMany"));
		assertThatThrownBy(() -> ReturnPhotos.check(List.of(new byte[ReturnPhotos.MAX_BYTES + 1])))
			.isInstanceOfSatisfying(ReturnPhotos.PhotoRefused.class,
					(refused) -> assertThat(refused.reason()).isEqualTo("tooLarge"));
	}

	@Test
	void printsAnA6LabelWithTheReturnNumberTheAddressAndTheInstructions() throws IOException {
		byte[] pdf = ReturnLabels.pdf(new ReturnLabels.Label("R-5001", "Bestellung C-100045", "Jana Keller, Hamburg",
				List.of("Concierge Retouren", "Lagerstraße 12", "04129 Leipzig"), "Rücksendeetikett", "An", "Von",
				List.of("Geben Sie das Paket in einem DHL-Paketshop ab.", "Die Rücksendung ist kostenlos.")));

		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getNumberOfPages()).isEqualTo(1);
			assertThat(document.getPage(0).getMediaBox().getWidth()).isBetween(297f, 299f);
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("R-5001", "Lagerstraße 12", "Bestellung C-100045", "DHL-Paketshop");
		}
	}

	private static byte[] image(String format) throws IOException {
		BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
		image.setRGB(3, 4, 0xFF0000);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

}
