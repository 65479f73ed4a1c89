package org.kakehashi.intel.taxii;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a posted TAXII envelope and keeps, for every element of {@code objects}, the exact bytes it was written
 * in (from its opening to its closing brace) beside the parsed tree. The stored bytes are what Get Objects
 * splices back into envelopes, so a client reads each object exactly as it was posted.
 */
final class EnvelopeReader {

	/** One element of the envelope's {@code objects}: its own text and its parsed form. */
	record Element(String raw, JsonNode node) {
	}

	// Duplicate keys make an object mean different things to different parsers: refused (RFC 7493, I-JSON).
	// Each element is read as one tree from the middle of the stream: what follows it is not "trailing".
	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private EnvelopeReader() {
	}

	static List<Element> read(byte[] body) {
		requireUtf8(body);
		var elements = new ArrayList<Element>();
		try (var parser = STRICT.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw unprocessable("The request body must be a TAXII envelope: a JSON object with an \"objects\" list.");
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				var name = parser.currentName();
				var value = parser.nextToken();
				if (!"objects".equals(name)) {
					// "more", "next" and custom properties of the envelope carry nothing for the server.
					parser.skipChildren();
					continue;
				}
				if (value != JsonToken.START_ARRAY) {
					throw unprocessable("The envelope's \"objects\" must be a list of STIX objects.");
				}
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					if (parser.currentToken() != JsonToken.START_OBJECT) {
						throw unprocessable("Element " + elements.size() + " of \"objects\" is not a JSON object.");
					}
					int start = (int) parser.currentTokenLocation().getByteOffset();
					JsonNode node = STRICT.readTree(parser);
					int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
					elements.add(new Element(new String(body, start, end - start, StandardCharsets.UTF_8), node));
				}
			}
			if (parser.nextToken() != null) {
				throw malformed("There is more after the envelope's closing brace.");
			}
		} catch (JacksonException e) {
			throw malformed("The request body is not valid JSON: " + e.getOriginalMessage());
		}
		return elements;
	}

	/** Stored bytes are served back inside UTF-8 envelopes, so anything else is refused up front. */
	private static void requireUtf8(byte[] body) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
		} catch (CharacterCodingException e) {
			throw malformed("The request body is not UTF-8.");
		}
		if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
			throw malformed("The request body starts with a byte-order mark, which JSON does not allow (RFC 8259).");
		}
	}

	private static TaxiiError malformed(String description) {
		return new TaxiiError(400, "Bad Request", description);
	}

	private static TaxiiError unprocessable(String description) {
		return new TaxiiError(422, "Unprocessable Content", description);
	}
}
