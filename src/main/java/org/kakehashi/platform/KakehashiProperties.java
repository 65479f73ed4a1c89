package org.kakehashi.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every Kakehashi-specific setting, bound from {@code kakehashi.*} (or {@code KAKEHASHI_*} in the
 * environment). README.md lists each one.
 *
 * @param baseUrl   the address users reach Kakehashi at; links in e-mails and WebAuthn origins derive from it
 * @param dataDir   where the embedded database and uploaded files live
 * @param db        an external PostgreSQL; when its url is empty the embedded one is started
 * @param demo      load the demo world on start
 * @param timeZone  the zone dates are shown in unless a user chooses another
 * @param mail      sender address for outbound mail
 * @param security  sign-in and lockout settings
 * @param reporting incident-reporting settings
 */
@ConfigurationProperties("kakehashi")
public record KakehashiProperties(
		@DefaultValue("http://localhost:8080") URI baseUrl,
		@DefaultValue("./data") Path dataDir,
		@DefaultValue Db db,
		@DefaultValue("false") boolean demo,
		@DefaultValue("Asia/Tokyo") ZoneId timeZone,
		@DefaultValue Mail mail,
		@DefaultValue Security security,
		@DefaultValue Reporting reporting) {

	/**
	 * @param embeddedDurable whether the embedded server waits for each commit to reach disk (zonky's default does
	 *                        not: a crash would lose the last moments of reports and audit entries); tests turn it off
	 */
	public record Db(@Nullable String url, @Nullable String user, @Nullable String password,
			@DefaultValue("0") int embeddedPort, @DefaultValue("true") boolean embeddedDurable) {

		public boolean external() {
			return url != null && !url.isBlank();
		}
	}

	public record Mail(@DefaultValue("kakehashi@localhost") String from) {
	}

	/**
	 * @param maxFailedAttempts failed sign-ins (password or second factor) before the account is locked
	 * @param lockout           how long a lock lasts
	 * @param setupLinkValidity how long the first-administrator set-up link stays valid
	 * @param invitationValidity how long an invitation link stays valid
	 * @param signInAttemptsPerMinutePerAddress sign-in requests one client address may make per minute
	 * @param webauthnOrigins   exact origins besides the base URL's from which passkeys are accepted
	 * @param apiTokenFailuresPerMinutePerAddress refused API tokens one client address may present per minute
	 *                          before it is answered 429 without further work
	 */
	public record Security(@DefaultValue("5") int maxFailedAttempts, @DefaultValue("15m") Duration lockout,
			@DefaultValue("24h") Duration setupLinkValidity, @DefaultValue("7d") Duration invitationValidity,
			@DefaultValue("20") int signInAttemptsPerMinutePerAddress, @DefaultValue List<String> webauthnOrigins,
			@DefaultValue("30") int apiTokenFailuresPerMinutePerAddress) {
	}

	/**
	 * @param maxAttachmentSize largest file a reporter may attach to a report
	 * @param centreReceives    {@code directly}: the national centre sees a report as soon as it is submitted;
	 *                          {@code via-ministry}: only once the sector ministry forwards it
	 */
	public record Reporting(@DefaultValue("20MB") DataSize maxAttachmentSize,
			@DefaultValue("directly") CentreRoute centreReceives) {
	}

	/** How a submitted report reaches the national centre. */
	public enum CentreRoute {
		DIRECTLY, VIA_MINISTRY
	}

	/** The address of a page inside Kakehashi, for links that leave the browser (e-mails, logs). */
	public String link(String pathAndQuery) {
		var base = baseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
	}
}
