package org.kakehashi.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code limit} events per key within a sliding window, kept in memory. The number of keys is
 * bounded: when full, the key seen least recently is forgotten, so a flood of distinct keys (addresses,
 * e-mail addresses) costs bounded memory. Per node: several nodes each apply the limit.
 */
public final class SlidingWindowLimiter {

	private final int limit;
	private final long windowMillis;
	private final Clock clock;
	private final Map<String, ArrayDeque<Long>> events;

	public SlidingWindowLimiter(int limit, Duration window, int maxKeys, Clock clock) {
		if (limit < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
			throw new IllegalArgumentException("limit, window and maxKeys must be positive");
		}
		this.limit = limit;
		this.windowMillis = window.toMillis();
		this.clock = clock;
		this.events = new LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Long>> eldest) {
				return size() > maxKeys;
			}
		};
	}

	/** Counts one event for the key and says whether it is within the limit; refused events are not counted. */
	public synchronized boolean tryAcquire(String key) {
		var recent = current(key);
		if (recent.size() >= limit) {
			return false;
		}
		recent.addLast(clock.millis());
		return true;
	}

	/** Whether the key has used up its window, without counting anything. */
	public synchronized boolean exhausted(String key) {
		return current(key).size() >= limit;
	}

	private ArrayDeque<Long> current(String key) {
		long now = clock.millis();
		var recent = events.computeIfAbsent(key, k -> new ArrayDeque<>());
		while (!recent.isEmpty() && recent.peekFirst() <= now - windowMillis) {
			recent.pollFirst();
		}
		return recent;
	}

	public synchronized int trackedKeys() {
		return events.size();
	}
}
