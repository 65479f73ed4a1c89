package org.kakehashi.intel.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.kakehashi.intel.correlation.ObservableIndex;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.intel.store.StixTime;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads one prepared batch in one transaction: COPY into a temporary staging table, then, holding the collection's
 * write lock (docs/adr/003: writers to a collection are serialised and take their date_added values from its
 * row), one {@code insert ... select ... on conflict do nothing} into the store, the batch's error lines and the
 * import's progress. Either all of it commits or none of it does.
 */
@Component
class BatchLoader {

	/** What one committed batch did. */
	record Outcome(long stored, long duplicates, long rejected, int errorsListed) {
	}

	/** Thrown when the job's claim was taken over by another node: the batch rolls back. */
	static final class ClaimLost extends RuntimeException {

		ClaimLost(UUID importId) {
			super("import " + importId + " was claimed by another node");
		}
	}

	/** Called inside the batch's transaction just before it commits: a test's way to stop a job mid-way. */
	interface BeforeCommit {

		void batch(UUID importId, int batchNumber);
	}

	private final DataSource dataSource;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final ObservableIndex observables;
	private final StixObjects objects;
	private final ImportDao imports;

	BatchLoader(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transactions, ImportDao imports,
			ObservableIndex observables, StixObjects objects) {
		this.observables = observables;
		this.objects = objects;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.imports = imports;
	}

	Outcome load(ImportDao.Claim claim, PreparedBatch batch, int errorBudget, int batchNumber, Duration lease,
			BeforeCommit hook) {
		var target = claim.intelImport();
		return transactions.execute(status -> {
			var errors = new ArrayList<>(batch.errors());
			long duplicates = batch.duplicates();
			long rejected = batch.rejected();
			long stored = 0;
			if (!batch.rows().isEmpty()) {
				stage(batch);
				var base = objects.reserveDateAdded(target.collectionId(), batch.rows().size());
				var existing = existing(target.collectionId());
				var skip = new HashSet<Integer>();
				boolean preExisting = false;
				for (var row : existing) {
					preExisting = true;
					if (row.sameVersion()) {
						skip.add(row.ord());
						if (row.sameContent()) {
							duplicates++;
						} else {
							rejected++;
							var object = batch.rows().get(row.ord() - 1);
							errors.add(new ImportError(batch.positions()[row.ord() - 1], object.stixId(), "modified",
									PreparedBatch.CONFLICT));
						}
					}
				}
				stored = insert(target.collectionId(), base, skip, preExisting);
				if (stored > 0) {
					// Correlation sees imported observables as soon as the batch commits, like TAXII additions.
					var touched = new java.util.LinkedHashSet<String>();
					for (int i = 0; i < batch.rows().size(); i++) {
						if (!skip.contains(i + 1)) {
							touched.add(batch.rows().get(i).stixId());
						}
					}
					observables.indexStored(target.collectionId(), touched);
				}
			}
			errors.sort(java.util.Comparator.comparingLong(ImportError::position));
			var listed = errors.subList(0, Math.min(errors.size(), Math.max(0, errorBudget)));
			imports.addErrors(target.id(), listed);
			var progress = new ImportDao.Progress(batch.read(), stored, duplicates, rejected, listed.size());
			if (!imports.advance(target.id(), claim.token(), progress, lease)) {
				throw new ClaimLost(target.id());
			}
			hook.batch(target.id(), batchNumber);
			return new Outcome(stored, duplicates, rejected, listed.size());
		});
	}

	/** Writes the batch's rows into the session's staging table (emptied at commit) with COPY. */
	private void stage(PreparedBatch batch) {
		jdbc.sql("""
				create temporary table if not exists intel_import_stage (
				    ord int not null, stix_id text not null, stix_type text not null, version text not null,
				    version_at timestamptz not null, raw text not null
				) on commit delete rows
				""").update();
		var connection = DataSourceUtils.getConnection(dataSource);
		try {
			var pg = connection.unwrap(PGConnection.class);
			try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(pg,
					"copy intel_import_stage (ord, stix_id, stix_type, version, version_at, raw) from stdin", 1 << 16),
					StandardCharsets.UTF_8), 1 << 16)) {
				var rows = batch.rows();
				for (int i = 0; i < rows.size(); i++) {
					var row = rows.get(i);
					out.write(Integer.toString(i + 1));
					out.write('\t');
					escape(row.stixId(), out);
					out.write('\t');
					escape(row.type(), out);
					out.write('\t');
					escape(row.version(), out);
					out.write('\t');
					out.write(StixTime.format(row.versionAt()));
					out.write('\t');
					escape(row.raw(), out);
					out.write('\n');
				}
			}
			// Fresh statistics, so the lookups against the store below are planned as index probes, not as scans.
			jdbc.sql("analyze intel_import_stage").update();
		} catch (SQLException e) {
			throw new IllegalStateException("COPY into the import staging table failed", e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** COPY's text format: backslash, tab, newline and carriage return are written as escapes. */
	private static void escape(String text, Writer out) throws IOException {
		int from = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String escaped = switch (c) {
				case '\\' -> "\\\\";
				case '\t' -> "\\t";
				case '\n' -> "\\n";
				case '\r' -> "\\r";
				default -> null;
			};
			if (escaped != null) {
				out.write(text, from, i - from);
				out.write(escaped);
				from = i + 1;
			}
		}
		out.write(text, from, text.length() - from);
	}

	private record Existing(int ord, boolean sameVersion, boolean sameContent) {
	}

	/**
	 * Staged objects of which the collection already holds some version: the same version is a duplicate (same
	 * content) or a conflict; another version means first/last flags must be worked out against the stored ones.
	 * Read under the collection lock, so nothing changes between this check and the insert.
	 */
	private List<Existing> existing(UUID collectionId) {
		return jdbc.sql("""
				select s.ord, bool_or(o.version_at = s.version_at) as same_version,
				       coalesce(bool_or(o.version_at = s.version_at and o.content = s.raw::jsonb), false) as same_content
				from intel_import_stage s
				join intel_object o on o.collection_id = :c and o.stix_id = s.stix_id
				group by s.ord
				""")
			.param("c", collectionId)
			.query((rs, n) -> new Existing(rs.getInt("ord"), rs.getBoolean("same_version"), rs.getBoolean("same_content")))
			.list();
	}

	/**
	 * Moves the staged rows into the store. first/last are computed in the same statement: within the batch by a
	 * window, against stored versions only when some object already had one (then stored rows that stop being
	 * first or last are updated after).
	 */
	private long insert(UUID collectionId, OffsetDateTime base, java.util.Set<Integer> skip, boolean preExisting) {
		var first = preExisting
				? "s.oldest_here and not exists (select 1 from intel_object o where o.collection_id = :c and o.stix_id = s.stix_id and o.version_at < s.version_at)"
				: "s.oldest_here";
		var last = preExisting
				? "s.newest_here and not exists (select 1 from intel_object o where o.collection_id = :c and o.stix_id = s.stix_id and o.version_at > s.version_at)"
				: "s.newest_here";
		long stored = jdbc.sql("""
				with staged as (
				    select s.*, s.version_at = min(s.version_at) over w as oldest_here,
				           s.version_at = max(s.version_at) over w as newest_here
				    from intel_import_stage s
				    where s.ord <> all(:skip::int[])
				    window w as (partition by s.stix_id)
				), inserted as (
				    insert into intel_object (collection_id, stix_id, stix_type, spec_version, version, version_at, date_added,
				                              is_first, is_last, raw, content)
				    select :c, s.stix_id, s.stix_type, '2.1', s.version, s.version_at,
				           :base + (s.ord - 1) * interval '1 microsecond', %s, %s, s.raw, s.raw::jsonb
				    from staged s
				    order by s.ord
				    on conflict (collection_id, stix_id, version_at) do nothing
				    returning 1
				)
				select count(*) from inserted
				""".formatted(first, last))
			.param("c", collectionId)
			.param("base", base)
			.param("skip", skip.toArray(Integer[]::new))
			.query(Long.class)
			.single();
		if (preExisting) {
			jdbc.sql("""
					update intel_object o set is_last = false
					from (select stix_id, max(version_at) as newest from intel_import_stage group by stix_id) s
					where o.collection_id = :c and o.stix_id = s.stix_id and o.is_last and o.version_at < s.newest
					""").param("c", collectionId).update();
			jdbc.sql("""
					update intel_object o set is_first = false
					from (select stix_id, min(version_at) as oldest from intel_import_stage group by stix_id) s
					where o.collection_id = :c and o.stix_id = s.stix_id and o.is_first and o.version_at > s.oldest
					""").param("c", collectionId).update();
		}
		return stored;
	}
}
