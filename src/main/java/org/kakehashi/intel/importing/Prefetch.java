package org.kakehashi.intel.importing;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.stix.StixValidator;

/**
 * Reads and validates the next batch on its own thread while the current one is in the database, so parsing and
 * loading overlap. At most two prepared batches wait at any time, which keeps memory bounded whatever the file's size.
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

	private final BlockingQueue<Next> queue = new ArrayBlockingQueue<>(1);
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
