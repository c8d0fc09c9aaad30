package io.concierge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/security.md} proves each requirement with tests it names as
 * {@code `SimpleClassName#method`}. A renamed or removed test would leave a proof there
 * that proves nothing, so every name must still be a test method of a class under
 * {@code src/test/java}; and a document that names no test at all proves nothing either.
 */
class SecurityDocumentTests {

	private static final Path DOCUMENT = Path.of("docs/security.md");

	private static final Path TESTS = Path.of("src/test/java");

	/** A class's simple name and a method name, in backticks. */
	private static final Pattern REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9_]*)#([a-z][A-Za-z0-9_]*)`");

	@Test
	void everyTestTheSecurityDocumentNamesExists() throws IOException {
		String document = Files.readString(DOCUMENT);

		assertThat(references(document)).as("tests named in " + DOCUMENT).hasSizeGreaterThan(100);
		assertThat(problems(document)).as("tests named in " + DOCUMENT + " that do not exist").isEmpty();
	}

	@Test
	void readsOnlyClassAndMethodNamesInBackticks() {
		assertThat(references(
				"""
						| V3.4.5 | `SecurityTests#everyPageSendsStrictSecurityHeaders`, `ApiClientsTests#aClientNeedsAProperNameAndKnownScopes` |
						| V6.4.1 | `Documents.rotate`, `CONCIERGE_BASE_URL`, SecurityTests#notInBackticks, `#alone`, `lower#case` |
						| V7.2.4 | `SecurityTests#everyPageSendsStrictSecurityHeaders` again |"""))
			.containsExactly("SecurityTests#everyPageSendsStrictSecurityHeaders",
					"ApiClientsTests#aClientNeedsAProperNameAndKnownScopes");
	}

	@Test
	void namesAMissingClassAMissingMethodAndAMethodThatIsNoTest() {
		assertThat(problems(
				"""
						`NoSuchTests#anything` `SecurityTests#noSuchMethod` `SecurityTests#signedIn`
						`SecurityTests#everyPageSendsStrictSecurityHeaders` `PasswordPolicyTests#refusesFewerThanEightCharacters`
						`ParserFuzzTests#shopifyOrders` `DashboardPage#heading`"""))
			.containsExactly("NoSuchTests#anything: there is no NoSuchTests.java under src/test/java",
					"SecurityTests#noSuchMethod: SecurityTests has no test method noSuchMethod",
					"SecurityTests#signedIn: SecurityTests has no test method signedIn",
					"DashboardPage#heading: DashboardPage has no test method heading");
	}

	@Test
	void aDocumentThatNamesNoTestFails() {
		assertThat(problems("Every requirement is met, trust us.")).containsExactly("names no test at all");
	}

	static List<String> references(String document) {
		Set<String> found = new LinkedHashSet<>();
		Matcher matcher = REFERENCE.matcher(document);
		while (matcher.find()) {
			found.add(matcher.group(1) + "#" + matcher.group(2));
		}
		return List.copyOf(found);
	}

	/**
	 * Why each named test does not hold up, in the words of the failure.
	 */
	static List<String> problems(String document) {
		List<String> references = references(document);
		if (references.isEmpty()) {
			return List.of("names no test at all");
		}
		List<String> problems = new ArrayList<>();
		for (String reference : references) {
			String simpleName = reference.substring(0, reference.indexOf('#'));
			String method = reference.substring(reference.indexOf('#') + 1);
			Optional<Class<?>> type = testClass(simpleName);
			if (type.isEmpty()) {
				problems.add(reference + ": there is no " + simpleName + ".java under " + TESTS);
			}
			else if (!hasTestMethod(type.get(), method)) {
				problems.add(reference + ": " + simpleName + " has no test method " + method);
			}
		}
		return problems;
	}

	/**
	 * The class of that simple name, found by its source file: the file's place under
	 * {@code src/test/java} is its package.
	 */
	private static Optional<Class<?>> testClass(String simpleName) {
		try (Stream<Path> files = Files.walk(TESTS)) {
			return files.filter((file) -> file.getFileName().toString().equals(simpleName + ".java"))
				.findFirst()
				.map(SecurityDocumentTests::load);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Class<?> load(Path source) {
		String name = TESTS.relativize(source)
			.toString()
			.replace(".java", "")
			.replace(source.getFileSystem().getSeparator(), ".");
		try {
			return Class.forName(name, false, SecurityDocumentTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(source + " is not compiled as " + name, ex);
		}
	}

	/**
	 * Whether the class or one it extends declares a method of that name that JUnit runs
	 * as a test ({@code @Test}, {@code @ParameterizedTest}, {@code @FuzzTest}, …: each is
	 * {@link Testable}), so a helper method of the same name is no proof.
	 */
	private static boolean hasTestMethod(Class<?> type, String name) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				if (method.getName().equals(name) && AnnotationSupport.isAnnotated(method, Testable.class)) {
					return true;
				}
			}
		}
		return false;
	}

}
