package org.kakehashi.vulns.internal;

import java.io.InputStream;

/** A file as it arrives: the name the client gave and its content (read once, up to the size limit). */
public record Upload(String fileName, InputStream content) {
}
