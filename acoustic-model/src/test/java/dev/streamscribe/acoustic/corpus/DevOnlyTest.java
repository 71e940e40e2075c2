package dev.streamscribe.acoustic.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DevOnlyTest {

    /** A dev-only corpus is the dev part of the full one, under the same utterance numbers (so the same voices). */
    @Test
    void devOnlyRendersTheFullCorpussDevUtterancesUnderTheirOwnNumbers() {
        List<PromptSources.Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) prompts.add(new PromptSources.Prompt("sentence number " + i + " of the test", "fortunes"));

        List<Integer> all = CorpusGenerator.toRender(prompts, 0.03, false);
        List<Integer> dev = CorpusGenerator.toRender(prompts, 0.03, true);

        assertEquals(IntStream.range(0, prompts.size()).boxed().toList(), all);
        List<Integer> expected = all.stream()
                .filter(i -> PromptSources.split(prompts.get(i).text(), 0.03).equals(ManifestEntry.DEV)).toList();
        assertEquals(expected, dev);
        assertTrue(dev.size() > 20 && dev.size() < 120, dev.size() + " dev utterances of 2000 at 3%");
    }
}
