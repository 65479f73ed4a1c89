package org.kakehashi.intel.taxii;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** TAXII 2.1 content negotiation: what we answer in, what Accept and Content-Type values we honour. */
final class TaxiiMedia {

	static final String TAXII_21 = "application/taxii+json;version=2.1";
	static final MediaType TAXII = MediaType.parseMediaType(TAXII_21);
	private static final MediaType TAXII_ANY = new MediaType("application", "taxii+json");
	private static final MediaType STIX_ANY = new MediaType("application", "stix+json");

	private TaxiiMedia() {
	}

	/**
	 * Whether we can answer a request with this Accept header: some range with a non-zero quality must admit
	 * TAXII 2.1 (or, where the endpoint defines it, STIX 2.1). No header at all accepts anything.
	 */
	static boolean acceptable(@Nullable String accept, boolean stixToo) {
		if (accept == null || accept.isBlank()) {
			return true;
		}
		List<MediaType> ranges;
		try {
			ranges = MediaType.parseMediaTypes(accept);
		} catch (InvalidMediaTypeException e) {
			return false;
		}
		return ranges.stream().filter(range -> range.getQualityValue() > 0).anyMatch(range -> {
			if (range.isWildcardType() || (range.getType().equals("application") && range.isWildcardSubtype())) {
				return true;
			}
			if (TAXII_ANY.equalsTypeAndSubtype(range) || (stixToo && STIX_ANY.equalsTypeAndSubtype(range))) {
				var version = range.getParameter("version");
				return version == null || version.equals("2.1");
			}
			return false;
		});
	}

	/** Add Objects takes a TAXII 2.1 envelope in UTF-8 and nothing else. */
	static boolean acceptableBody(@Nullable String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return false;
		}
		try {
			var type = MediaType.parseMediaType(contentType);
			var version = type.getParameter("version");
			return TAXII_ANY.equalsTypeAndSubtype(type) && (version == null || version.equals("2.1"))
					&& (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8));
		} catch (InvalidMediaTypeException | java.nio.charset.UnsupportedCharsetException e) {
			return false;
		}
	}
}
