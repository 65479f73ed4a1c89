package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people and steps the coordination tests share, all over the real API: users with tokens, a case filed and
 * accepted, directory entries, invitations, multipart uploads and byte-exact downloads, and the mail each address
 * received. Every name and address is unique per call, since all tests share one database and one SMTP server.
 */
final class CoordinationWorld {

	static final Pattern PERSONAL_LINK = Pattern.compile("https?://[^\\s]+/public/vulns/access\\?key=[A-Za-z0-9_\\-]+");

	/** A user of Kakehashi with an API token carrying both vulns scopes. */
	record Party(UserAccount account, String token, ApiClient api) {

		String email() {
			return account.email();
		}
	}

	/** An HTTP answer with its headers and exact bytes. */
	record Raw(int status, byte[] body, HttpResponse<byte[]> response) {

		String header(String name) {
			return response.headers().firstValue(name).orElse("");
		}

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	private final String base;
	private final Fixtures fixtures;
	private final ApiTokens tokens;
	private final JsonMapper json;
	private final GreenMail mail;
	private final HttpClient http = HttpClient.newHttpClient();

	CoordinationWorld(String base, Fixtures fixtures, ApiTokens tokens, JsonMapper json, GreenMail mail) {
		this.base = base;
		this.fixtures = fixtures;
		this.tokens = tokens;
		this.json = json;
		this.mail = mail;
	}

	Party party(Organisation organisation, Role... roles) {
		var account = fixtures.user(organisation, roles);
		var token = tokens.create(account.principal(), "test", EnumSet.of(ApiScope.VULNS_READ, ApiScope.VULNS_WRITE), 1)
			.clearToken();
		return new Party(account, token, new ApiClient(base, token));
	}

	/** A product report; {@code description} is what must never leave the case through mail or public pages. */
	String file(Party finder, String title, String description, boolean shareWithVendor) {
		var filed = finder.api().post("/api/v1/vuln-cases", "{\"kind\":\"PRODUCT\",\"vendorName\":\"Foo 制御機器\","
				+ "\"productName\":\"FooSCADA\",\"versions\":\"3.2\",\"title\":" + quote(title) + ",\"description\":"
				+ quote(description) + ",\"consentCredit\":true,\"consentShareWithVendor\":" + shareWithVendor + "}");
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		return read(filed.body()).get("id").asString();
	}

	/** Filed, checked and accepted: the first vulnerability is drafted from the report. */
	String accepted(Party finder, Party coordinator, String title, String description) {
		var id = file(finder, title, description, false);
		move(coordinator, id, "{\"to\":\"CHECKING\"}");
		move(coordinator, id, "{\"to\":\"ACCEPTED\"}");
		return id;
	}

	void move(Party coordinator, String caseId, String body) {
		var moved = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/transitions", body);
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
	}

	/** A directory entry, linked to an organisation or not, with contacts at the given addresses. */
	String vendor(Party coordinator, String name, @Nullable UUID organisation, String... contacts) {
		var list = new ArrayList<String>();
		for (var address : contacts) {
			list.add("{\"name\":\"PSIRT\",\"email\":" + quote(address) + ",\"language\":\"ja\"}");
		}
		var created = coordinator.api().post("/api/v1/vuln-vendors", "{\"name\":" + quote(name) + ",\"nameEn\":"
				+ quote(name + " Inc.") + ",\"organisationId\":" + (organisation == null ? "null" : quote(organisation.toString()))
				+ ",\"products\":\"FooSCADA\",\"notes\":\"internal note\",\"contacts\":[" + String.join(",", list) + "]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return read(created.body()).get("id").asString();
	}

	JsonNode invite(Party coordinator, String caseId, String vendorId, String productName) {
		var invited = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/vendors",
				"{\"vendorId\":\"" + vendorId + "\",\"productName\":" + quote(productName) + "}");
		assertThat(invited.status()).as(invited.body()).isEqualTo(201);
		return read(invited.body());
	}

	List<String> vulnerabilityIds(Party coordinator, String caseId) {
		var listed = coordinator.api().get("/api/v1/vuln-cases/" + caseId + "/vulnerabilities");
		assertThat(listed.status()).isEqualTo(200);
		var ids = new ArrayList<String>();
		read(listed.body()).forEach(v -> ids.add(v.get("id").asString()));
		return ids;
	}

	/** A multipart request with a bearer token (or none). */
	Raw multipart(@Nullable String token, String path, Multipart body) {
		var request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
			.header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return exchange(request);
	}

	/** A GET whose answer is kept byte for byte, with its headers. */
	Raw download(String token, String path) {
		return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
	}

	/** A multipart form posted in a browser session, with the session's CSRF token. */
	static WebClient.Response postMultipart(WebClient browser, String path, Multipart body) {
		body.field("_csrf", browser.csrf());
		return browser.send(HttpRequest.newBuilder(browser.uri(path)).header("Content-Type", body.contentType())
			.header("X-CSRF-TOKEN", browser.csrf()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
	}

	private Raw exchange(HttpRequest.Builder request) {
		try {
			var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Raw(response.statusCode(), response.body(), response);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The messages this exact address received so far. */
	List<MimeMessage> mails(String address) {
		return Arrays.stream(mail.getReceivedMessages()).filter(m -> addressedTo(m, address)).toList();
	}

	private static boolean addressedTo(MimeMessage message, String address) {
		try {
			var recipients = message.getAllRecipients();
			return recipients != null && Arrays.stream(recipients).map(CoordinationWorld::plain)
				.anyMatch(address::equalsIgnoreCase);
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String plain(Address address) {
		return address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	static String text(MimeMessage message) {
		try {
			return String.valueOf(message.getContent());
		}
		catch (MessagingException | IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The personal link a message carries. */
	static String personalLink(MimeMessage message) {
		var matcher = PERSONAL_LINK.matcher(text(message));
		assertThat(matcher.find()).as("a personal link in: " + text(message)).isTrue();
		return matcher.group();
	}

	static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Tokyo"));
	}

	JsonNode read(String body) {
		return json.readTree(body);
	}

	String quote(String text) {
		return json.writeValueAsString(text);
	}

	/** A multipart/form-data body built field by field. */
	static final class Multipart {

		private final String boundary = "kakehashi-" + UUID.randomUUID();
		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Multipart field(String name, String value) {
			write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
			return this;
		}

		Multipart file(String name, String fileName, byte[] content) {
			write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
			out.writeBytes(content);
			write("\r\n");
			return this;
		}

		String contentType() {
			return "multipart/form-data; boundary=" + boundary;
		}

		byte[] bytes() {
			var copy = new ByteArrayOutputStream();
			copy.writeBytes(out.toByteArray());
			copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return copy.toByteArray();
		}

		private void write(String text) {
			out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
		}
	}
}
