package dev.streamscribe.acoustic.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spells out digit runs ("42" -> "forty two") the way a reader would say them. */
final class NumberWords {
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};

    private NumberWords() {}

    static String spellNumbers(String s) {
        Matcher m = DIGITS.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String digits = m.group();
            String words = digits.length() > 9 ? digitByDigit(digits) : spell(Long.parseLong(digits));
            m.appendReplacement(b, " " + words + " ");
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String digitByDigit(String digits) {
        StringBuilder b = new StringBuilder();
        for (char c : digits.toCharArray()) b.append(SMALL[c - '0']).append(' ');
        return b.toString().trim();
    }

    static String spell(long n) {
        if (n < 20) return SMALL[(int) n];
        if (n < 100) return TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : " " + SMALL[(int) (n % 10)]);
        if (n < 1000) return SMALL[(int) (n / 100)] + " hundred" + (n % 100 == 0 ? "" : " " + spell(n % 100));
        if (n < 1_000_000) return spell(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + spell(n % 1000));
        return spell(n / 1_000_000) + " million" + (n % 1_000_000 == 0 ? "" : " " + spell(n % 1_000_000));
    }
}
