package org.kakehashi.intel.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a STIX bundle file as a stream: one object at a time, with the exact bytes it was written in (read back
 * from the file by offset) beside its tree, so a bundle of any size is never held in memory. {@link #check} runs
 * over the whole file first: well-formed UTF-8 JSON, no duplicate keys, a bundle with an {@code objects} list.
 */
final class BundleReader implements ImportSource {

	// Duplicate keys make an object mean different things to different parsers (I-JSON, RFC 7493).
	static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final FileChannel channel;
	private final JsonParser parser;
	private long position;
	private boolean done;

	private BundleReader(Path file) throws IOException {
		this.channel = FileChannel.open(file, StandardOpenOption.READ);
		this.parser = STRICT.createParser(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
	}

	/** Opens the file and moves past the first {@code skip} objects (those of batches already committed). */
	static BundleReader open(Path file, long skip) {
		BundleReader reader;
		try {
			reader = new BundleReader(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		try {
			reader.enterObjects();
			while (reader.position < skip && !reader.done) {
				var token = reader.parser.nextToken();
				if (token == JsonToken.END_ARRAY) {
					reader.done = true;
				} else {
					reader.parser.skipChildren();
					reader.position++;
				}
			}
			return reader;
		} catch (JacksonException | BundleFormatException e) {
			reader.close();
			throw e instanceof BundleFormatException b ? b : malformed((JacksonException) e);
		}
	}

	/**
	 * Checks the whole file without keeping any of it and counts the objects: UTF-8 without a byte-order mark, one
	 * JSON object with {@code "type": "bundle"} and an {@code objects} list, no duplicate keys, nothing after it.
	 */
	static long check(Path file) {
		requireUtf8(file);
		try (var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16); var parser = STRICT.createParser(in)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new BundleFormatException("The file is not a STIX bundle: it must be one JSON object.");
			}
			long count = 0;
			String type = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				var name = parser.currentName();
				var value = parser.nextToken();
				if (name.equals("type")) {
					type = value == JsonToken.VALUE_STRING ? parser.getString() : "";
				} else if (name.equals("objects")) {
					if (value != JsonToken.START_ARRAY) {
						throw new BundleFormatException("The bundle's \"objects\" must be a list of STIX objects.");
					}
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						parser.skipChildren();
						count++;
					}
				} else {
					parser.skipChildren();
				}
			}
			if (!"bundle".equals(type)) {
				throw new BundleFormatException("The file is not a STIX bundle: its \"type\" must be \"bundle\".");
			}
			if (parser.nextToken() != null) {
				throw new BundleFormatException("There is more after the bundle's closing brace.");
			}
			return count;
		} catch (JacksonException e) {
			throw malformed(e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public List<ImportItem> next(int max) {
		var items = new ArrayList<ImportItem>(Math.min(max, 8192));
		try {
			while (!done && items.size() < max) {
				var token = parser.nextToken();
				if (token == JsonToken.END_ARRAY || token == null) {
					done = true;
					break;
				}
				long start = parser.currentTokenLocation().getByteOffset();
				JsonNode node = STRICT.readTree(parser);
				long end = parser.currentTokenLocation().getByteOffset() + (token.isStructStart() ? 1 : 0);
				if (!token.isStructStart()) {
					// A scalar in the list: its text is what the parser read, not worth the bytes.
					items.add(ImportItem.refused(position, new ImportError(position, null, "", "not a JSON object")));
				} else {
					items.add(ImportItem.object(position, text(start, end), node));
				}
				position++;
			}
		} catch (JacksonException e) {
			throw malformed(e);
		}
		return items;
	}

	private void enterObjects() {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			throw new BundleFormatException("The file is not a STIX bundle: it must be one JSON object.");
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			var name = parser.currentName();
			var value = parser.nextToken();
			if (name.equals("objects")) {
				if (value != JsonToken.START_ARRAY) {
					throw new BundleFormatException("The bundle's \"objects\" must be a list of STIX objects.");
				}
				return;
			}
			parser.skipChildren();
		}
		// A bundle without objects is allowed (STIX 2.1 section 8): nothing to import.
		done = true;
	}

	private String text(long start, long end) {
		var buffer = ByteBuffer.allocate((int) (end - start));
		try {
			while (buffer.hasRemaining()) {
				if (channel.read(buffer, start + buffer.position()) < 0) {
					throw new BundleFormatException("The file changed while it was being read.");
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new String(buffer.array(), StandardCharsets.UTF_8);
	}

	private static void requireUtf8(Path file) {
		var decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		var bytes = ByteBuffer.allocate(1 << 16);
		var chars = java.nio.CharBuffer.allocate(1 << 16);
		long offset = 0;
		try (InputStream in = Files.newInputStream(file)) {
			int n;
			boolean first = true;
			while ((n = in.read(bytes.array(), bytes.position(), bytes.remaining())) >= 0) {
				bytes.position(bytes.position() + n);
				bytes.flip();
				if (first && bytes.remaining() >= 3 && (bytes.get(0) & 0xff) == 0xef && (bytes.get(1) & 0xff) == 0xbb
						&& (bytes.get(2) & 0xff) == 0xbf) {
					throw new BundleFormatException("The file starts with a byte-order mark, which JSON does not allow (RFC 8259).");
				}
				first = false;
				int before = bytes.position();
				var result = decoder.decode(bytes, chars, false);
				if (result.isError()) {
					throw new BundleFormatException("The file is not UTF-8 (byte " + (offset + bytes.position()) + ").");
				}
				offset += bytes.position() - before;
				chars.clear();
				bytes.compact();
			}
			bytes.flip();
			var result = decoder.decode(bytes, chars, true);
			if (result.isError() || decoder.flush(chars).isError()) {
				throw new BundleFormatException("The file is not UTF-8 (it ends inside a character).");
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static BundleFormatException malformed(JacksonException e) {
		var location = e.getLocation();
		return new BundleFormatException("The file is not valid JSON" + (location == null ? "" : " at byte "
				+ location.getByteOffset()) + ": " + e.getOriginalMessage());
	}

	@Override
	public void close() {
		try {
			parser.close();
			channel.close();
		} catch (IOException | JacksonException e) {
			// Nothing was written; a failed close loses nothing.
		}
	}
}
