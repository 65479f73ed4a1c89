package org.kakehashi.warnings.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.CellText;
import org.kakehashi.warnings.drills.Drills;
import org.springframework.context.MessageSource;

/**
 * A drill report as CSV: UTF-8 with a byte-order mark (so spreadsheets in Japan open it as UTF-8), one row per
 * hop, formula-like cells defused ({@link CellText}).
 */
final class DrillCsv {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

	private DrillCsv() {
	}

	static void write(Drills.Report report, MessageSource messages, Locale locale, ZoneId zone, OutputStream out)
			throws IOException {
		var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		var header = new ArrayList<String>();
		for (var column : List.of("number", "level", "organisation", "type", "from", "path", "sent", "confirmed",
				"confirmed-by", "to-confirm", "late", "forwarded", "to-forward", "forwarded-count")) {
			header.add(messages.getMessage("warnings.drills.csv." + column, null, locale));
		}
		writer.write(CellText.csvRow(header));
		var separator = " → ";
		for (var hop : report.hops()) {
			writer.write(CellText.csvRow(List.of(report.drill().number(), String.valueOf(hop.level()), hop.toName(),
					messages.getMessage("organisation.type." + hop.toType(), null, hop.toType(), locale), hop.fromName(),
					String.join(separator, hop.path()), time(hop.sentAt(), zone), time(hop.confirmedAt(), zone),
					hop.confirmedBy() == null ? "" : hop.confirmedBy(), hop.toConfirmText(), hop.late() ? "1" : "",
					time(hop.forwardedAt(), zone), hop.toForwardText(),
					hop.forwardedCount() == null ? "" : String.valueOf(hop.forwardedCount()))));
		}
		writer.flush();
	}


	private static String time(@Nullable Instant instant, ZoneId zone) {
		return instant == null ? "" : TIME.format(instant.atZone(zone));
	}
}
