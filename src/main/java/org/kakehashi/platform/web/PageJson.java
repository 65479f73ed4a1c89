package org.kakehashi.platform.web;

import java.util.List;
import java.util.function.Function;

import org.kakehashi.platform.Page;

/** One page of an API list; {@code page} counts from 0. */
public record PageJson<T>(List<T> items, int page, int size, long total, int pages) {

	public static <D, T> PageJson<T> of(Page<D> page, Function<D, T> mapper) {
		return new PageJson<>(page.items().stream().map(mapper).toList(), page.page(), page.size(), page.total(), page.pages());
	}

	public static int page(int page) {
		return Math.max(0, page);
	}

	public static int size(int size) {
		return Page.clampSize(size);
	}
}
