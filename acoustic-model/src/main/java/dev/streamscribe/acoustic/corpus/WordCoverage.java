package dev.streamscribe.acoustic.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Orders prompts so that a corpus of the first {@code n} covers as many words as it can: a random draw from the text
 * sources gives the common words thousands of times and most of the vocabulary never (of 50,421 random prompts one held
 * "canoe", one "glue" and none "birch"), and a model can only learn to spell what it has heard.
 */
final class WordCoverage {
    private WordCoverage() {}

    /**
     * The first {@code n} prompts picked greedily, each the one with the most words the picks so far hold fewer than
     * {@code target} times (ties, and the prompts after the first {@code n}, in their given order). The order does
     * not depend on {@code n}, so a corpus grown to more utterances keeps the prompts it has.
     */
    static List<PromptSources.Prompt> coveringFirst(List<PromptSources.Prompt> prompts, int n, int target) {
        List<String[]> words = prompts.stream().map(p -> Arrays.stream(p.text().split(" ")).distinct()
                .toArray(String[]::new)).toList();
        Map<String, Integer> heard = new HashMap<>();
        // Gains only fall as words are heard, so a stale gain is an upper bound: lazy greedy re-scores only the top.
        PriorityQueue<int[]> queue = new PriorityQueue<>((a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1])
                : Integer.compare(a[0], b[0]));
        for (int i = 0; i < prompts.size(); i++) queue.add(new int[] {i, words.get(i).length});
        boolean[] picked = new boolean[prompts.size()];
        List<PromptSources.Prompt> out = new ArrayList<>(prompts.size());
        while (out.size() < n && !queue.isEmpty()) {
            int[] top = queue.poll();
            int gain = 0;
            for (String w : words.get(top[0])) if (heard.getOrDefault(w, 0) < target) gain++;
            if (gain < top[1]) {
                queue.add(new int[] {top[0], gain});
                continue;
            }
            picked[top[0]] = true;
            out.add(prompts.get(top[0]));
            for (String w : words.get(top[0])) heard.merge(w, 1, Integer::sum);
        }
        for (int i = 0; i < prompts.size(); i++) if (!picked[i]) out.add(prompts.get(i));
        return out;
    }
}
