package io.concierge.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Text that should be UTF-8, decoded with each byte sequence that is not replaced by
 * U+FFFD and remembered by line, so that a file with one bad line loses only that line
 * and the sender is told where it is.
 *
 * @param bad the sequences that are not UTF-8, in the order of the file
 */
record Utf8(String text, List<Bad> bad) {

	/**
	 * A byte sequence that is not UTF-8.
	 *
	 * @param line the line of the file, from 1
	 * @param column the byte of the line it starts at, from 1
	 */
	record Bad(long line, long column, int value) {

	}

	static Utf8 decode(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length + 1);
		List<Integer> offsets = new ArrayList<>();
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (!result.isError()) {
				break;
			}
			offsets.add(in.position());
			out.put('\uFFFD');
			in.position(in.position() + result.length());
		}
		decoder.flush(out);
		return new Utf8(out.flip().toString(), located(bytes, offsets));
	}

	private static List<Bad> located(byte[] bytes, List<Integer> offsets) {
		List<Bad> bad = new ArrayList<>();
		long line = 1;
		int lineStart = 0;
		int next = 0;
		for (int i = 0; i < bytes.length && next < offsets.size(); i++) {
			if (i == offsets.get(next)) {
				bad.add(new Bad(line, i - lineStart + 1, bytes[i] & 0xFF));
				next++;
			}
			boolean lineFeed = bytes[i] == '\n';
			boolean loneReturn = bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n');
			if (lineFeed || loneReturn) {
				line++;
				lineStart = i + 1;
			}
		}
		return List.copyOf(bad);
	}

	/**
	 * What is wrong with the lines from {@code from} up to (not including) {@code to}, in
	 * words for the sender; null when they are UTF-8.
	 */
	@Nullable String problem(long from, long to) {
		return this.bad.stream()
			.filter((bad) -> bad.line() >= from && bad.line() < to)
			.findFirst()
			.map((bad) -> "is not UTF-8 text: byte 0x%02X at line %d, byte %d of the line; save the file as UTF-8"
				.formatted(bad.value(), bad.line(), bad.column()))
			.orElse(null);
	}

}
