package org.kakehashi.sharing.redaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every occurrence of many phrases in one pass (Aho–Corasick), so a context with hundreds of directory names
 * costs about as much as one with a few. Phrases and text are both {@link NormalisedText} views; an occurrence
 * counts only if it does not cut through a word ({@link NormalisedText#onWordBoundaries}), which gives Latin names
 * word boundaries and lets Japanese names match anywhere.
 *
 * @param <T> what a phrase stands for
 */
final class PhraseMatcher<T> {

	record Hit<T>(int start, int end, T value) {
	}

	private static final class Node<T> {
		final Map<Character, Node<T>> next = new HashMap<>();
		Node<T> fail;
		final List<Phrase<T>> output = new ArrayList<>();
	}

	private record Phrase<T>(int length, T value) {
	}

	private final Node<T> root = new Node<>();
	private boolean built;

	/** Adds a phrase already folded by {@link NormalisedText#fold(String)}; blank phrases are ignored. */
	void add(String folded, T value) {
		if (built) {
			throw new IllegalStateException("phrases added after matching started");
		}
		if (folded.isBlank()) {
			return;
		}
		var node = root;
		for (int i = 0; i < folded.length(); i++) {
			node = node.next.computeIfAbsent(folded.charAt(i), c -> new Node<>());
		}
		node.output.add(new Phrase<>(folded.length(), value));
	}

	private void build() {
		var queue = new ArrayDeque<Node<T>>();
		for (var child : root.next.values()) {
			child.fail = root;
			queue.add(child);
		}
		while (!queue.isEmpty()) {
			var node = queue.poll();
			for (var edge : node.next.entrySet()) {
				var child = edge.getValue();
				var fail = node.fail;
				while (fail != null && !fail.next.containsKey(edge.getKey())) {
					fail = fail.fail;
				}
				child.fail = fail == null ? root : fail.next.get(edge.getKey());
				child.output.addAll(child.fail.output);
				queue.add(child);
			}
		}
		built = true;
	}

	List<Hit<T>> find(NormalisedText text) {
		if (!built) {
			build();
		}
		var hits = new ArrayList<Hit<T>>();
		var node = root;
		String view = text.view();
		for (int i = 0; i < view.length(); i++) {
			char c = view.charAt(i);
			while (node != root && !node.next.containsKey(c)) {
				node = node.fail;
			}
			node = node.next.getOrDefault(c, root);
			for (var phrase : node.output) {
				int start = i + 1 - phrase.length();
				if (text.onWordBoundaries(start, i + 1)) {
					hits.add(new Hit<>(start, i + 1, phrase.value()));
				}
			}
		}
		return hits;
	}
}
