package dev.streamscribe.acoustic.corpus.recorded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The voiced dialogue of one speaker of The Ur-Quan Masters. Its conversation file holds blocks: a line
 * {@code #(KEY)} followed by the clip's file name when the line is voiced, then the subtitle lines. Its timing file
 * ({@code .ts}) gives per key how long each subtitle line but the last is shown, in ms, which is where the speaker
 * moves from one line to the next.
 */
record UqmDialogue(String speaker, List<Clip> clips) {

    /** A voiced block: the clip's file name, its subtitle lines and the display time of all but the last. */
    record Clip(String key, String file, List<String> lines, int[] lineMs) {}

    private static final Pattern KEY = Pattern.compile("^#\\(([^)]*)\\)\\s*(\\S+\\.ogg)?\\s*$");
    private static final Pattern TIMING = Pattern.compile("^#\\(([^)]*)\\)\\s*(.*)$");

    static UqmDialogue parse(String speaker, String conversation, String timings) {
        Map<String, int[]> lineMs = timings(timings);
        List<Clip> clips = new ArrayList<>();
        String key = null;
        String file = null;
        List<String> lines = new ArrayList<>();
        for (String raw : (conversation + "\n#()").split("\r?\n")) {
            Matcher m = KEY.matcher(raw.strip());
            if (m.matches()) {
                if (file != null) clips.add(new Clip(key, file, List.copyOf(lines), lineMs.getOrDefault(key, new int[0])));
                key = m.group(1);
                file = m.group(2);
                lines.clear();
            } else if (!raw.isBlank() && key != null) {
                lines.add(raw.strip());
            }
        }
        return new UqmDialogue(speaker, List.copyOf(clips));
    }

    private static Map<String, int[]> timings(String ts) {
        Map<String, int[]> out = new HashMap<>();
        for (String line : ts.split("\r?\n")) {
            Matcher m = TIMING.matcher(line.strip());
            if (!m.matches()) continue;
            String values = m.group(2).strip();
            if (values.isEmpty()) {
                out.put(m.group(1), new int[0]);
                continue;
            }
            String[] parts = values.split("\\s*,\\s*");
            int[] ms = new int[parts.length];
            for (int i = 0; i < parts.length; i++) ms[i] = Integer.parseInt(parts[i]);
            out.put(m.group(1), ms);
        }
        return out;
    }
}
