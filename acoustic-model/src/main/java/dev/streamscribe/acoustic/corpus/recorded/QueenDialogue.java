package dev.streamscribe.acoustic.corpus.recorded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The spoken lines of one conversation file ({@code .DOG}) of Flight of the Amazon Queen, each with the speech clip
 * the game plays for it, named as ScummVM's {@code queen} engine names it (talk.cpp). Layout, big-endian, after a
 * 20-byte header: level count, two keys (the talk key names the clips), Joe's and the person's line counts, item and
 * state fields, then offsets of the person's lines and of the second-meeting lines; the dialogue tree (96 bytes a
 * level) is followed by Joe's lines. A line list holds (2 bytes, id, length-prefixed text padded to 4 bytes).
 * <p>
 * A line is cut into segments at its stage directions ({@code *FL}, {@code *03}, {@code *XY00(237,112)}); each
 * segment has its own clip, {@code TTHHHHWN.SB}: talk key (2 digits), line id (4 hex digits), {@code J} for Joe or
 * {@code P} for the person, the segment's number from 1; spaces become zeros. The first meeting's and second
 * meeting's lines use {@code SSSS} and {@code XXXX} in place of the id.
 */
final class QueenDialogue {
    /** A segment with its clip's resource name and who says it ({@code joe} or the person of the file). */
    record Line(String clip, String speaker, String text) {}

    static final String JOE = "joe";
    private static final int HEADER = 20;
    private static final int LEVEL_BYTES = 96;

    private final List<Line> lines = new ArrayList<>();
    private final ByteBuffer data;
    private final String person;

    private QueenDialogue(String fileName, byte[] bytes) {
        data = ByteBuffer.wrap(bytes, HEADER, bytes.length - HEADER).slice();
        person = fileName.replaceFirst("\\d*\\.DOG$", "").toLowerCase(Locale.ROOT);
    }

    /** The lines of {@code fileName} ({@code BOB1.DOG}: the person is {@code bob}), in file order. */
    static List<Line> parse(String fileName, byte[] bytes) {
        QueenDialogue d = new QueenDialogue(fileName, bytes);
        d.read();
        return d.lines;
    }

    private void read() {
        int levels = Math.abs(data.getShort(0));
        int talkKey = data.getShort(4);
        int joeCount = data.getShort(6);
        int personCount = data.getShort(8);
        int personAt = data.getShort(22) & 0xffff;
        int secondMeetingAt = data.getShort(26) & 0xffff;
        int joeAt = 32 + levels * LEVEL_BYTES;
        lineList(personAt, personCount, talkKey, 'P');
        lineList(joeAt, joeCount, talkKey, 'J');
        int at = joeAt + 2;
        boolean hasFirstMeeting = data.getShort(at) == 0;
        if (hasFirstMeeting) add(prefix(talkKey, "SSSS", 'J'), string(at + 2, 2));
        String personAgain = string(secondMeetingAt, 2);
        add(prefix(talkKey, "XXXX", 'P'), personAgain);
        add(prefix(talkKey, "XXXX", 'J'), string(next(secondMeetingAt, 2), 2));
    }

    private void lineList(int at, int count, int talkKey, char who) {
        for (int i = 0; i < count; i++) {
            int id = data.getShort(at + 2);
            String text = string(at + 4, 4);
            add(prefix(talkKey, String.format(Locale.ROOT, "%4x", id), who), text);
            at = next(at + 4, 4);
        }
    }

    private static String prefix(int talkKey, String id, char who) {
        return String.format(Locale.ROOT, "%2d", talkKey) + id + who;
    }

    /** Splits at stage directions; the segment before {@code *GD} or {@code *GM} (grab moves) is not spoken. */
    private void add(String clipPrefix, String sentence) {
        if (sentence.equals("0")) return; // the game's mark for "nothing to say"
        String speaker = clipPrefix.endsWith("J") ? JOE : person;
        int segment = 0;
        int start = 0;
        int i = 0;
        while (i < sentence.length()) {
            if (sentence.charAt(i) != '*') {
                i++;
                continue;
            }
            String text = sentence.substring(start, i);
            String command = sentence.substring(i + 1, Math.min(i + 3, sentence.length()));
            i += 3 + (command.equals("XY") ? 11 : 0);
            if (!command.equals("GD") && !command.equals("GM")) addSegment(clipPrefix, segment, text, speaker);
            segment++;
            start = Math.min(i, sentence.length());
        }
        if (start < sentence.length()) addSegment(clipPrefix, segment, sentence.substring(start), speaker);
    }

    private void addSegment(String clipPrefix, int segment, String text, String speaker) {
        if (text.isBlank()) return;
        String clip = (clipPrefix + Integer.toHexString(segment + 1)).replace(' ', '0').toUpperCase(Locale.ROOT) + ".SB";
        lines.add(new Line(clip, speaker, text.strip()));
    }

    private String string(int at, int align) {
        int length = data.get(at) & 0xff;
        byte[] b = new byte[length];
        data.get(at + 1, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The offset after the length-prefixed string at {@code at}, padded to {@code align}. */
    private int next(int at, int align) {
        int length = data.get(at) & 0xff;
        return length == 0 ? at + 1 : (at + 1 + length + align - 1) & ~(align - 1);
    }
}
