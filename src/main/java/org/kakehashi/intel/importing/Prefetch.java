package org.kakehashi.intel.importing;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.stix.StixValidator;

/**
 * Reads and validates the next batches on its own thread while the current one is in the database, so parsing and
 * loading overlap. At most {@link #AHEAD} prepared batches wait at any time, which keeps memory bounded whatever the
 * file's size: a prepared batch keeps only each object's text and observable values, not its parsed tree.
 */
final class Prefetch implements AutoCloseable {

	private sealed interface Next permits Ready, End, Failed {
	}

	private record Ready(PreparedBatch batch) implements Next {
	}

	private record End() implements Next {
	}

	private record Failed(RuntimeException error) implements Next {
	}

	/**
	 * More than one, so the reader can run ahead while it gets the CPU: on a busy machine it and the database take
	 * turns, and with a single slot the loader waited for the reader about a sixth of the time.
	 */
	static final int AHEAD = 3;

	private final BlockingQueue<Next> queue = new ArrayBlockingQueue<>(AHEAD);
	private final Thread reader;

	Prefetch(ImportSource source, StixValidator validator, int batchSize) {
		this.reader = new Thread(() -> {
			try {
				while (true) {
					var items = source.next(batchSize);
					if (items.isEmpty()) {
						queue.put(new End());
						return;
					}
					queue.put(new Ready(PreparedBatch.of(items, validator)));
				}
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			} catch (RuntimeException e) {
				try {
					queue.put(new Failed(e));
				} catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}, "intel-import-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/** The next prepared batch, or null at the end; a reading error is rethrown here. */
	@Nullable PreparedBatch next() {
		Next next;
		try {
			next = queue.take();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the next batch", e);
		}
		if (next instanceof Failed failed) {
			throw failed.error();
		}
		return next instanceof Ready ready ? ready.batch() : null;
	}

	@Override
	public void close() {
		reader.interrupt();
		try {
			reader.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
