package org.kakehashi.identity.web;

import java.util.List;
import java.util.function.Function;

import org.kakehashi.identity.internal.Page;

/** One page of an API list; {@code page} counts from 0. */
record PageJson<T>(List<T> items, int page, int size, long total, int pages) {

	static <D, T> PageJson<T> of(Page<D> page, Function<D, T> mapper) {
		return new PageJson<>(page.items().stream().map(mapper).toList(), page.page(), page.size(), page.total(), page.pages());
	}

	static int page(int page) {
		return Math.max(0, page);
	}

	static int size(int size) {
		return Page.clampSize(size);
	}
}
