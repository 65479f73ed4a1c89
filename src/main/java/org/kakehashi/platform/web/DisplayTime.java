package org.kakehashi.platform.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.KakehashiProperties;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Formats stored UTC instants for people, in the configured zone (Asia/Tokyo by default). Templates use
 * it as {@code ${@displayTime.format(instant)}}; Japanese reads {@code 2026年11月26日(木) 14:05}.
 */
@Component("displayTime")
public class DisplayTime {

	private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日(E) HH:mm", Locale.JAPANESE);
	private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH);

	private final ZoneId zone;

	DisplayTime(KakehashiProperties properties) {
		this.zone = properties.timeZone();
	}

	public String format(@Nullable Instant instant) {
		return format(instant, LocaleContextHolder.getLocale());
	}

	public String format(@Nullable Instant instant, Locale locale) {
		if (instant == null) {
			return "—";
		}
		var formatter = "ja".equals(locale.getLanguage()) ? JA : EN;
		return formatter.format(instant.atZone(zone)) + ("Asia/Tokyo".equals(zone.getId()) ? "" : " " + zone.getId());
	}

	public ZoneId zone() {
		return zone;
	}
}
