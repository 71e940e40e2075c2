package dev.streamscribe.acoustic.training;

import java.util.Arrays;
import java.util.List;

/** Word and character error rates accumulated over a set of utterances (edit distance / reference length). */
public final class ErrorRate {
    private long wordErrors;
    private long words;
    private long charErrors;
    private long chars;

    public void add(String reference, String hypothesis) {
        List<String> r = tokens(reference);
        List<String> h = tokens(hypothesis);
        wordErrors += distance(r, h);
        words += r.size();
        String rc = String.join(" ", r);
        String hc = String.join(" ", h);
        charErrors += distance(Arrays.asList(rc.split("")), Arrays.asList(hc.split("")));
        chars += rc.length();
    }

    public double wer() {
        return words == 0 ? 0 : (double) wordErrors / words;
    }

    public double cer() {
        return chars == 0 ? 0 : (double) charErrors / chars;
    }

    private static List<String> tokens(String s) {
        String t = s.trim();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    /** Levenshtein distance between two token sequences. */
    public static int distance(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int j = 0; j <= b.size(); j++) prev[j] = j;
        for (int i = 1; i <= a.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); j++) {
                int sub = prev[j - 1] + (a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
