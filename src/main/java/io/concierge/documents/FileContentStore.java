package io.concierge.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The encrypted contents on the file system: a file each under the documents' directory,
 * spread over folders by the first characters of the id. A content is written to a
 * temporary file and moved into place whole, so a crash never leaves half of one under
 * its name; a write that fails, a full disk included, removes its temporary file. A full
 * disk refuses the document in words its uploader understands rather than as an error.
 */
class FileContentStore implements ContentStore {

	private final Path directory;

	FileContentStore(Path directory) {
		this.directory = directory.toAbsolutePath();
	}

	@Override
	public void write(UUID id, ContentWriter writer) {
		Path target = path(id);
		try {
			Files.createDirectories(target.getParent());
			Path temporary = Files.createTempFile(target.getParent(), ".upload", ".tmp");
			try {
				try (OutputStream out = Files.newOutputStream(temporary)) {
					writer.write(out);
				}
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException ex) {
			if (outOfSpace(ex)) {
				throw new DocumentRefused("storage-full");
			}
			throw new UncheckedIOException("A document's content cannot be written", ex);
		}
	}

	/**
	 * Whether a write failed for want of room: the operating system's own words for it
	 * (ENOSPC and EDQUOT on Linux and macOS, ERROR_DISK_FULL on Windows).
	 */
	static boolean outOfSpace(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = (cause instanceof FileSystemException failed && failed.getReason() != null)
					? failed.getReason() : cause.getMessage();
			if (message != null && (message.contains("No space left on device")
					|| message.contains("Disk quota exceeded") || message.contains("not enough space on the disk"))) {
				return true;
			}
		}
		return false;
	}

	@Override
	public InputStream read(UUID id) throws IOException {
		return Files.newInputStream(path(id));
	}

	@Override
	public void delete(UUID id) {
		try {
			Files.deleteIfExists(path(id));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A document's content cannot be removed", ex);
		}
	}

	private Path path(UUID id) {
		String name = id.toString();
		return this.directory.resolve(name.substring(0, 2)).resolve(name);
	}

}
