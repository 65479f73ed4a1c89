package org.kakehashi.intel.importing;

/** The file is not a readable STIX bundle (or MISP event) at all; the message says where and why. */
class BundleFormatException extends RuntimeException {

	BundleFormatException(String message) {
		super(message);
	}
}
