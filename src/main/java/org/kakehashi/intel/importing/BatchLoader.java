package org.kakehashi.intel.importing;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.kakehashi.intel.correlation.ObservableIndex;
import org.kakehashi.intel.store.CopyRows;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.intel.store.StixTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads one prepared batch in one transaction. Holding the collection's write lock (docs/adr/003: writers to a
 * collection are serialised and take their date_added values from its row), it reads which versions of the batch's
 * objects are already stored with one probe, decides in Java what is new, a duplicate or a conflict and which rows
 * are first and last, then COPYs the new rows straight into the store and their observables into the index, and
 * writes the batch's error lines and the import's progress. Either all of it commits or none of it does.
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

	/** A version of one of the batch's objects that the collection already holds. */
	private record Stored(long seq, Instant versionAt, boolean first, boolean last) {
	}

	private static final String COLUMNS = "seq, collection_id, stix_id, stix_type, spec_version, version, version_at, "
			+ "date_added, is_first, is_last, raw, content";

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
			// Safe for an import: the batch and its progress row commit together, so a batch lost in a crash (at most
			// the last few hundred milliseconds of commits) is simply read and loaded again when the job resumes.
			// Nothing outside this transaction was told it was stored. Other writers keep their durable commits.
			jdbc.sql("set local synchronous_commit = off").update();
			var counts = new Counts(batch.duplicates(), batch.rejected());
			var errors = new ArrayList<>(batch.errors());
			if (!batch.rows().isEmpty()) {
				store(target.collectionId(), batch, counts, errors);
			}
			errors.sort(Comparator.comparingLong(ImportError::position));
			var listed = errors.subList(0, Math.min(errors.size(), Math.max(0, errorBudget)));
			imports.addErrors(target.id(), listed);
			var progress = new ImportDao.Progress(batch.read(), counts.stored, counts.duplicates, counts.rejected, listed.size());
			if (!imports.advance(target.id(), claim.token(), progress, lease)) {
				throw new ClaimLost(target.id());
			}
			hook.batch(target.id(), batchNumber);
			return new Outcome(counts.stored, counts.duplicates, counts.rejected, listed.size());
		});
	}

	private static final class Counts {

		long stored;
		long duplicates;
		long rejected;

		Counts(long duplicates, long rejected) {
			this.duplicates = duplicates;
			this.rejected = rejected;
		}
	}

	private void store(UUID collectionId, PreparedBatch batch, Counts counts, List<ImportError> errors) {
		var rows = batch.rows();
		int n = rows.size();
		// The lock first: nothing can change between the probe below and the COPY.
		var base = objects.reserveDateAdded(collectionId, n).toInstant();
		var stored = storedVersions(collectionId, rows);

		// Same id and version as a stored row: a duplicate when the content is equal (as JSON), else a conflict.
		var insert = new boolean[n];
		var sameVersion = new ArrayList<Integer>();
		var sameVersionSeq = new ArrayList<Long>();
		for (int i = 0; i < n; i++) {
			var row = rows.get(i);
			var match = stored.getOrDefault(row.stixId(), List.of()).stream()
				.filter(s -> s.versionAt().equals(row.versionAt()))
				.findFirst();
			if (match.isPresent()) {
				sameVersion.add(i);
				sameVersionSeq.add(match.get().seq());
			} else {
				insert[i] = true;
			}
		}
		if (!sameVersion.isEmpty()) {
			var same = sameContent(sameVersion, sameVersionSeq, rows);
			for (int k = 0; k < sameVersion.size(); k++) {
				int i = sameVersion.get(k);
				if (same[k]) {
					counts.duplicates++;
				} else {
					counts.rejected++;
					errors.add(new ImportError(batch.positions()[i], rows.get(i).stixId(), "modified", PreparedBatch.CONFLICT));
				}
			}
		}

		// first/last over what is stored plus what goes in now; stored rows that stop being either are flipped.
		var newest = new HashMap<String, Instant>();
		var oldest = new HashMap<String, Instant>();
		for (int i = 0; i < n; i++) {
			if (insert[i]) {
				var row = rows.get(i);
				newest.merge(row.stixId(), row.versionAt(), (a, b) -> a.isAfter(b) ? a : b);
				oldest.merge(row.stixId(), row.versionAt(), (a, b) -> a.isBefore(b) ? a : b);
			}
		}
		if (newest.isEmpty()) {
			return;
		}
		var noLongerLast = new ArrayList<Long>();
		var noLongerFirst = new ArrayList<Long>();
		for (var entry : newest.entrySet()) {
			for (var s : stored.getOrDefault(entry.getKey(), List.of())) {
				if (s.last() && s.versionAt().isBefore(entry.getValue())) {
					noLongerLast.add(s.seq());
				}
				if (s.first() && s.versionAt().isAfter(oldest.get(entry.getKey()))) {
					noLongerFirst.add(s.seq());
				}
			}
		}

		var seqs = allocateSeqs(countTrue(insert));
		var indexNew = new ArrayList<ObservableIndex.NewObject>();
		var reindex = new LinkedHashSet<String>();
		var collection = collectionId.toString();
		CopyRows.copy(dataSource, "intel_object", COLUMNS, out -> {
			int k = 0;
			for (int i = 0; i < n; i++) {
				if (!insert[i]) {
					continue;
				}
				var row = rows.get(i);
				var before = stored.getOrDefault(row.stixId(), List.of());
				boolean first = row.versionAt().equals(oldest.get(row.stixId()))
						&& before.stream().allMatch(s -> s.versionAt().isAfter(row.versionAt()));
				boolean last = row.versionAt().equals(newest.get(row.stixId()))
						&& before.stream().allMatch(s -> s.versionAt().isBefore(row.versionAt()));
				long seq = seqs[k];
				var added = base.plus(k, ChronoUnit.MICROS);
				out.value(seq).value(collection).value(row.stixId()).value(row.type()).value(row.specVersion())
					.value(row.version()).value(StixTime.format(row.versionAt())).value(StixTime.format(added))
					.value(first).value(last).value(row.raw()).value(row.raw())
					.endRow();
				if (!before.isEmpty()) {
					reindex.add(row.stixId());
				} else if (last) {
					indexNew.add(new ObservableIndex.NewObject(seq, row.stixId(), row.type(), batch.observables().get(i), added));
				}
				k++;
			}
		});
		counts.stored = seqs.length;
		flip("is_last", noLongerLast);
		flip("is_first", noLongerFirst);
		// Correlation sees imported observables as soon as the batch commits, like TAXII additions.
		observables.indexNew(collectionId, indexNew);
		observables.indexStored(collectionId, reindex);
	}

	private static int countTrue(boolean[] flags) {
		int count = 0;
		for (boolean flag : flags) {
			count += flag ? 1 : 0;
		}
		return count;
	}

	/** Every version the collection holds of the batch's objects: one set-based probe of the unique index. */
	private Map<String, List<Stored>> storedVersions(UUID collectionId, List<NewObject> rows) {
		var ids = rows.stream().map(NewObject::stixId).distinct().toArray(String[]::new);
		var stored = new HashMap<String, List<Stored>>();
		jdbc.sql("""
				select seq, stix_id, version_at, is_first, is_last from intel_object
				where collection_id = :c and stix_id = any(:ids::text[])
				""")
			.param("c", collectionId)
			.param("ids", ids)
			.query(rs -> {
				stored.computeIfAbsent(rs.getString("stix_id"), id -> new ArrayList<>())
					.add(new Stored(rs.getLong("seq"), rs.getObject("version_at", OffsetDateTime.class).toInstant(),
							rs.getBoolean("is_first"), rs.getBoolean("is_last")));
			});
		return stored;
	}

	/** Whether each re-sent version equals the stored one as JSON (key order and whitespace do not matter). */
	private boolean[] sameContent(List<Integer> indexes, List<Long> seqs, List<NewObject> rows) {
		var same = new boolean[indexes.size()];
		jdbc.sql("""
				select t.ord, o.content = t.raw::jsonb as same
				from unnest(:seqs::bigint[], :raws::text[]) with ordinality as t(seq, raw, ord)
				join intel_object o on o.seq = t.seq
				""")
			.param("seqs", seqs.toArray(Long[]::new))
			.param("raws", indexes.stream().map(i -> rows.get(i).raw()).toArray(String[]::new))
			.query(rs -> {
				same[rs.getInt("ord") - 1] = rs.getBoolean("same");
			});
		return same;
	}

	/**
	 * Takes n values of intel_object's identity, ascending, so the rows can be COPYed with their seq known (COPY
	 * writes given identity values, like OVERRIDING SYSTEM VALUE) and the observable index can point at them.
	 */
	private long[] allocateSeqs(int n) {
		// The sequence's name as a constant: looked up per row, pg_get_serial_sequence costs more than nextval.
		var sequence = jdbc.sql("select pg_get_serial_sequence('intel_object', 'seq')").query(String.class).single();
		var values = jdbc.sql("select nextval(:sequence::regclass) from generate_series(1, :n)")
			.param("sequence", sequence)
			.param("n", n)
			.query(Long.class)
			.list();
		return values.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	private void flip(String flag, List<Long> seqs) {
		if (!seqs.isEmpty()) {
			jdbc.sql("update intel_object set " + flag + " = false where seq = any(:seqs::bigint[])")
				.param("seqs", seqs.toArray(Long[]::new))
				.update();
		}
	}
}
