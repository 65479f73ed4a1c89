package org.kakehashi.vulns.certification.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kakehashi.platform.CellText;
import org.kakehashi.vulns.certification.Certification;
import org.springframework.context.MessageSource;

/**
 * The public list as CSV: UTF-8 with a byte-order mark (so spreadsheets in Japan open it as UTF-8), headers and kind
 * and status names in the reader's language, dates as ISO dates, formula-like cells defused ({@link CellText}).
 */
final class CertificationCsv {

	static final List<String> COLUMNS = List.of("number", "kind", "holder", "subject", "version", "standard", "level",
			"issuer", "valid-from", "valid-to", "status");

	private CertificationCsv() {
	}

	static void write(List<Certification> rows, MessageSource messages, Locale locale, OutputStream out)
			throws IOException {
		var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		var header = new ArrayList<String>();
		for (var column : COLUMNS) {
			header.add(messages.getMessage("vulns.cert.csv." + column, null, locale));
		}
		writer.write(CellText.csvRow(header));
		for (var c : rows) {
			writer.write(CellText.csvRow(List.of(c.certificateNumber(), messages.getMessage("vulns.cert.kind." + c.kind(), null, locale),
					c.holderName(), c.subjectName(), c.subjectVersion(), c.standard(), c.level(), c.issuer(),
					c.validFrom().toString(), c.validTo().toString(),
					messages.getMessage("vulns.cert.standing." + c.standing(), null, locale))));
		}
		writer.flush();
	}

}
