package io.concierge.shared;

/**
 * Secrets Concierge makes itself when the operator sets none: the keys that sign export
 * links, support reply addresses and the sandbox's webhooks. Each is made of 256 random
 * bits the first time it is asked for, then kept sealed ({@link SecretSeal}) in the
 * database, so that every node sharing the database signs and checks with the same one,
 * and a restart keeps the links already sent working. None is ever a constant in the
 * code, where anyone could read it.
 */
public interface GeneratedSecrets {

	/**
	 * The secret of this name, made at its first use.
	 * @param name the module's own name for it, such as {@code privacy.link-secret}
	 */
	String named(String name);

}
