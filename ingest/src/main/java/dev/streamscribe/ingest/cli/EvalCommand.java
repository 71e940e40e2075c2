package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.model.Alphabet;
import dev.streamscribe.acoustic.training.ErrorRate;
import dev.streamscribe.ingest.peer.Pocketsphinx;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.Recognizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code ./asr eval DIR}: WER, CER and real-time factor against DIR/refs.tsv. */
final class EvalCommand implements Command {
    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "word/character error rate and speed on a folder with refs.tsv";
    }

    @Override
    public String usage() {
        return "usage: ./asr eval [options] DIR\n"
                + "  DIR holds WAV files and refs.tsv (relative path TAB reference text)\n"
                + "  --peer pocketsphinx  also run the peer recogniser on the same files and print its line\n"
                + RecognizerOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().size() != 1) throw new UsageException("give one folder (usage: ./asr eval DIR)");
        Path dir = Path.of(o.positional().get(0));
        Path refs = dir.resolve("refs.tsv");
        if (!Files.exists(refs)) throw new UsageException(refs + " does not exist");
        List<String> lines = Files.readAllLines(refs, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        for (String line : lines) if (line.indexOf('\t') < 0) throw new UsageException(refs + ": line without a TAB: " + line);
        String peer = o.get("peer", "none");
        if (!peer.equals("none") && !peer.equals("pocketsphinx")) throw new UsageException("unknown peer '" + peer + "'");
        ErrorRate total = new ErrorRate();
        long audioMs = 0;
        long processingMs = 0;
        try (Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o))) {
            FileTranscriber t = new FileTranscriber(recognizer);
            for (String line : lines) {
                int tab = line.indexOf('\t');
                String reference = Alphabet.normalise(line.substring(tab + 1));
                FileTranscriber.FileTranscript r = t.transcribe(dir.resolve(line.substring(0, tab)));
                ErrorRate one = new ErrorRate();
                one.add(reference, r.text());
                total.add(reference, r.text());
                audioMs += r.audioMs();
                processingMs += r.processingMs();
                System.out.printf(Locale.ROOT, "%s\tWER %.1f%%\tREF %s\tHYP %s%n", line.substring(0, tab),
                        100 * one.wer(), reference, r.text());
            }
        }
        if (peer.equals("pocketsphinx")) printPeer(dir, lines, audioMs);
        System.out.printf(Locale.ROOT, "WER %.2f%% CER %.2f%% RTF %.4f N=%d%n", 100 * total.wer(), 100 * total.cer(),
                (double) processingMs / Math.max(1, audioMs), lines.size());
        return 0;
    }

    private static void printPeer(Path dir, List<String> lines, long audioMs) throws Exception {
        List<String> files = lines.stream().map(l -> l.substring(0, l.indexOf('\t'))).toList();
        Pocketsphinx.Run run = Pocketsphinx.transcribe(dir, files);
        ErrorRate er = new ErrorRate();
        for (String line : lines) {
            int tab = line.indexOf('\t');
            er.add(Alphabet.normalise(line.substring(tab + 1)), Alphabet.normalise(run.hypotheses().getOrDefault(line.substring(0, tab), "")));
        }
        System.out.printf(Locale.ROOT, "peer pocketsphinx: WER %.2f%% CER %.2f%% RTF %.4f N=%d%n", 100 * er.wer(),
                100 * er.cer(), (double) run.wallMs() / Math.max(1, audioMs), lines.size());
    }
}
