package org.kakehashi.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move forward: TOTP steps, lockouts and expiries without waiting. {@link #withZone} gives a view in
 * another zone that moves with this clock, so {@code LocalDate.now(clock.withZone(zone))} reads the right day.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;
	private final ZoneId zone;

	public MutableClock(Instant start) {
		this(new AtomicReference<>(start), ZoneOffset.UTC);
	}

	private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	public void advance(Duration duration) {
		now.updateAndGet(at -> at.plus(duration));
	}

	/** Moves the clock to a moment (forwards or back). */
	public void set(Instant instant) {
		now.set(instant);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(now, zone);
	}
}
