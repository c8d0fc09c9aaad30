package io.concierge.orders;

import java.util.List;
import java.util.Map;

/**
 * A change asked for with something wrong in it: no units chosen, more than there are, an
 * address that is not one. {@link #problems()} maps each field to the message key of its
 * problem; {@code ""} is the form as a whole.
 */
public class InvalidChange extends RuntimeException {

	private final Map<String, String> problems;

	private final List<Object> arguments;

	InvalidChange(Map<String, String> problems, Object... arguments) {
		super("Invalid change: " + problems);
		this.problems = Map.copyOf(problems);
		this.arguments = List.of(arguments);
	}

	InvalidChange(String problem, Object... arguments) {
		this(Map.of("", problem), arguments);
	}

	/**
	 * A problem with the form as a whole.
	 */
	public static InvalidChange of(String problem, Object... arguments) {
		return new InvalidChange(problem, arguments);
	}

	/**
	 * Problems with fields.
	 */
	public static InvalidChange fields(Map<String, String> problems) {
		return new InvalidChange(problems);
	}

	public Map<String, String> problems() {
		return this.problems;
	}

	/**
	 * What fills in the message of the form's problem.
	 */
	public List<Object> arguments() {
		return this.arguments;
	}

}
