package io.concierge.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.concierge.shared.EmailAddress;

/**
 * The demo accounts' sign-in details. Their passwords are made at random when the demo
 * data is seeded and kept in a file beside the embedded database (readable by its owner
 * only), so that every start can print them and tests can use them.
 */
@Component
public class DemoLogins {

	private final Path file;

	DemoLogins(@Value("${concierge.demo.logins-file}") Path file) {
		this.file = file.toAbsolutePath();
	}

	/**
	 * The demo logins, in the order they were created; empty when none were seeded here.
	 */
	public List<DemoLogin> all() {
		if (!Files.isReadable(this.file)) {
			return List.of();
		}
		try {
			return Files.readAllLines(this.file)
				.stream()
				.filter((line) -> !line.isBlank())
				.map(DemoLogin::parse)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public DemoLogin of(Role role) {
		return all().stream()
			.filter((login) -> login.role() == role)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No demo login for " + role + " in " + this.file));
	}

	public Path file() {
		return this.file;
	}

	/**
	 * Adds logins to those remembered, for demo data that arrives later.
	 */
	void add(List<DemoLogin> more) {
		List<DemoLogin> all = new java.util.ArrayList<>(all());
		all.addAll(more);
		remember(all);
	}

	void remember(List<DemoLogin> logins) {
		try {
			Files.createDirectories(this.file.getParent());
			Files.deleteIfExists(this.file);
			createOwnerOnly(this.file);
			Files.write(this.file, logins.stream().map(DemoLogin::line).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the demo logins to " + this.file, ex);
		}
	}

	private static void createOwnerOnly(Path file) throws IOException {
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the file gets its default permissions
			Files.createFile(file);
		}
	}

	/**
	 * One demo account's sign-in.
	 *
	 * @param role what it may do
	 * @param email the address to sign in with
	 * @param password its password
	 * @param business whether it is a user of a company account
	 * @param totpSecret the key of its authenticator (staff must have one), or null
	 */
	public record DemoLogin(Role role, EmailAddress email, String password, boolean business,
			@Nullable String totpSecret) {

		static DemoLogin parse(String line) {
			String[] parts = line.strip().split("\\s+");
			String secret = (parts.length > 4 && !"-".equals(parts[4])) ? parts[4] : null;
			return new DemoLogin(Role.valueOf(parts[0]), EmailAddress.of(parts[1]), parts[2],
					Boolean.parseBoolean(parts[3]), secret);
		}

		String line() {
			return this.role + " " + this.email + " " + this.password + " " + this.business + " "
					+ ((this.totpSecret != null) ? this.totpSecret : "-");
		}

		@Override
		public String toString() {
			return "DemoLogin[" + this.role + ", " + this.email + "]";
		}

	}

}
