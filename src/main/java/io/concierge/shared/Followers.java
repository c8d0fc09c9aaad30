package io.concierge.shared;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who follows what: followers by key, told each time something happens to their key,
 * until they stop following. Safe to use from any thread.
 *
 * @param <K> what is followed (an order's number, an account)
 * @param <V> what a follower is told
 */
public final class Followers<K, V> {

	private final Map<K, Set<Consumer<V>>> followers = new ConcurrentHashMap<>();

	public void follow(K key, Consumer<V> follower) {
		this.followers.computeIfAbsent(key, (any) -> ConcurrentHashMap.newKeySet()).add(follower);
	}

	public void unfollow(K key, Consumer<V> follower) {
		this.followers.computeIfPresent(key, (any, set) -> {
			set.remove(follower);
			return set.isEmpty() ? null : set;
		});
	}

	/**
	 * Tells the key's followers, on the caller's thread.
	 */
	public void tell(K key, V value) {
		Set<Consumer<V>> set = this.followers.get(key);
		if (set != null) {
			set.forEach((follower) -> follower.accept(value));
		}
	}

}
