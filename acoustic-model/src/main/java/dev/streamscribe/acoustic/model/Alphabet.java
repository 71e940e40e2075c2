package dev.streamscribe.acoustic.model;

import java.text.Normalizer;
import java.util.Locale;

/** The 28 output symbols (apostrophe, space, a-z) plus the CTC blank, which TensorFlow's CTC puts last. */
public final class Alphabet {
    public static final String SYMBOLS = "' abcdefghijklmnopqrstuvwxyz";
    public static final int BLANK = SYMBOLS.length();
    public static final int CLASSES = SYMBOLS.length() + 1;
    public static final int SPACE = 1;

    private Alphabet() {}

    public static char symbol(int index) {
        return SYMBOLS.charAt(index);
    }

    /** Label indices of a text already in the alphabet; other characters are an error. */
    public static int[] encode(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            int k = SYMBOLS.indexOf(text.charAt(i));
            if (k < 0) throw new IllegalArgumentException("character '" + text.charAt(i) + "' is not in the alphabet");
            out[i] = k;
        }
        return out;
    }

    /**
     * Folds free text onto the alphabet: lower case, accents stripped, digits spelled out, everything else a word
     * break. Returns single-spaced words.
     */
    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('`', '\'');
        s = NumberWords.spellNumbers(s);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') b.append(c);
            else if (c == '\'' && i > 0 && i + 1 < s.length() && Character.isLetter(s.charAt(i - 1))
                    && Character.isLetter(s.charAt(i + 1))) b.append(c);
            else b.append(' ');
        }
        return b.toString().trim().replaceAll(" +", " ");
    }
}
