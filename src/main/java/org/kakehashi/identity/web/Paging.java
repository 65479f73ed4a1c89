package org.kakehashi.identity.web;

import org.kakehashi.platform.Page;

/** Page and size parameters of the administration lists: 25 rows by default, pages count from 1 in URLs. */
record Paging(int page, int size) {

	static final int DEFAULT_SIZE = 25;

	static Paging of(Integer page, Integer size) {
		int s = size == null ? DEFAULT_SIZE : Page.clampSize(size);
		int p = page == null ? 0 : Math.max(0, page - 1);
		return new Paging(p, s);
	}
}
