package io.concierge.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where the documents' encrypted contents lie: files under the data directory
 * ({@link FileContentStore}, the default) or objects in an S3-compatible bucket
 * ({@link S3ContentStore}). Either way a content is kept whole or not at all.
 */
interface ContentStore {

	/**
	 * Writes a content: what the writer writes to the stream is kept once it returns, and
	 * nothing is kept when it throws.
	 */
	void write(UUID id, ContentWriter writer);

	InputStream read(UUID id) throws IOException;

	/**
	 * Removes a content; one that is not there is no error.
	 */
	void delete(UUID id);

	/**
	 * Writes a content to a stream.
	 */
	@FunctionalInterface
	interface ContentWriter {

		void write(OutputStream out) throws IOException;

	}

}
