package io.concierge.orders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A printable return label: an A6 page with the return address, the RMA number as a Code
 * 128 barcode the drop-off point scans, the order, and how to hand the parcel in. The
 * bars are drawn as vector rectangles, so they stay sharp on any printer.
 */
final class ReturnLabels {

	/**
	 * What the label says, already in the customer's language.
	 *
	 * @param returnAddress the lines of the warehouse's address
	 * @param instructions how to drop the parcel off, one paragraph per item
	 */
	record Label(String returnNumber, String orderNumber, String from, List<String> returnAddress, String heading,
			String toHeading, String fromHeading, List<String> instructions) {

	}

	private static final float MARGIN = 24;

	private ReturnLabels() {
	}

	static byte[] pdf(Label label) {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage(PDRectangle.A6);
			document.addPage(page);
			document.getDocumentInformation().setTitle(label.heading() + " " + label.returnNumber());
			PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
			PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			float width = page.getMediaBox().getWidth();
			float y = page.getMediaBox().getHeight() - MARGIN;
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				y = text(content, bold, 14, MARGIN, y, label.heading());
				y = text(content, bold, 22, MARGIN, y - 6, label.returnNumber());
				y = barcode(content, label.returnNumber(), MARGIN, y - 8, width - 2 * MARGIN, 56);
				y = text(content, regular, 8, MARGIN, y - 4, label.orderNumber());
				y = text(content, bold, 9, MARGIN, y - 10, label.toHeading());
				for (String line : label.returnAddress()) {
					y = text(content, regular, 11, MARGIN, y, line);
				}
				y = text(content, bold, 9, MARGIN, y - 8, label.fromHeading());
				y = text(content, regular, 9, MARGIN, y, label.from());
				y -= 8;
				for (String paragraph : label.instructions()) {
					for (String line : wrap(paragraph, regular, 8, width - 2 * MARGIN)) {
						y = text(content, regular, 8, MARGIN, y, line);
					}
					y -= 3;
				}
			}
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write a return label", ex);
		}
	}

	/**
	 * Draws the line of text and returns where the next one starts.
	 */
	private static float text(PDPageContentStream content, PDType1Font font, float size, float x, float top,
			String text) throws IOException {
		float baseline = top - size;
		content.beginText();
		content.setFont(font, size);
		content.newLineAtOffset(x, baseline);
		content.showText(printable(font, text));
		content.endText();
		return baseline - size * 0.35f;
	}

	private static float barcode(PDPageContentStream content, String value, float x, float top, float width,
			float height) throws IOException {
		BitMatrix bars = new Code128Writer().encode(value, BarcodeFormat.CODE_128, 0, 1);
		float module = width / bars.getWidth();
		for (int i = 0; i < bars.getWidth(); i++) {
			if (bars.get(i, 0)) {
				content.addRect(x + i * module, top - height, module, height);
			}
		}
		content.fill();
		return top - height;
	}

	private static List<String> wrap(String paragraph, PDType1Font font, float size, float width) throws IOException {
		List<String> lines = new java.util.ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : paragraph.split("\\s+")) {
			String candidate = line.isEmpty() ? word : line + " " + word;
			if (!line.isEmpty() && font.getStringWidth(printable(font, candidate)) / 1000 * size > width) {
				lines.add(line.toString());
				line = new StringBuilder(word);
			}
			else {
				line = new StringBuilder(candidate);
			}
		}
		if (!line.isEmpty()) {
			lines.add(line.toString());
		}
		return lines;
	}

	/**
	 * The text with what the standard font cannot show replaced by a question mark.
	 */
	private static String printable(PDType1Font font, String text) {
		StringBuilder printable = new StringBuilder();
		text.codePoints().forEach((codePoint) -> {
			String character = Character.toString(codePoint);
			try {
				font.encode(character);
				printable.append(character);
			}
			catch (IOException | IllegalArgumentException ex) {
				printable.append('?');
			}
		});
		return printable.toString();
	}

}
