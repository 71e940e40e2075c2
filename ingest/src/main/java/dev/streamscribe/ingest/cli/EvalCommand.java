package dev.streamscribe.ingest.cli;

import dev.streamscribe.acoustic.model.Alphabet;
import dev.streamscribe.acoustic.training.ErrorRate;
import dev.streamscribe.ingest.peer.Pocketsphinx;
import dev.streamscribe.ingest.recognizer.FileTranscriber;
import dev.streamscribe.ingest.recognizer.Recognizer;

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
                + "  DIR holds WAV files and refs.tsv (relative path TAB reference text); or give a corpus manifest.jsonl\n"
                + "  --dev-limit N        with a manifest: how many of its dev utterances (default " + Refs.DEV_LIMIT + ")\n"
                + "  --peer pocketsphinx  also run the peer recogniser on the same files and print its line\n"
                + RecognizerOptions.HELP;
    }

    @Override
    public int run(Options o) throws Exception {
        if (o.positional().size() != 1) throw new UsageException("give one folder (usage: ./asr eval DIR)");
        Refs refs = Refs.read(Path.of(o.positional().get(0)), o.getInt("dev-limit", Refs.DEV_LIMIT));
        String peer = o.get("peer", "none");
        if (!peer.equals("none") && !peer.equals("pocketsphinx")) throw new UsageException("unknown peer '" + peer + "'");
        ErrorRate total = new ErrorRate();
        long audioMs = 0;
        long processingMs = 0;
        try (Recognizer recognizer = Recognizer.create(RecognizerOptions.from(o))) {
            FileTranscriber t = new FileTranscriber(recognizer);
            for (Refs.Ref ref : refs.refs()) {
                FileTranscriber.FileTranscript r = t.transcribe(refs.path(ref));
                ErrorRate one = new ErrorRate();
                one.add(ref.text(), r.text());
                total.add(ref.text(), r.text());
                audioMs += r.audioMs();
                processingMs += r.processingMs();
                System.out.printf(Locale.ROOT, "%s\tWER %.1f%%\tREF %s\tHYP %s%n", ref.file(), 100 * one.wer(), ref.text(), r.text());
            }
        }
        if (peer.equals("pocketsphinx")) printPeer(refs, audioMs);
        System.out.printf(Locale.ROOT, "WER %.2f%% CER %.2f%% RTF %.4f N=%d%n", 100 * total.wer(), 100 * total.cer(),
                (double) processingMs / Math.max(1, audioMs), refs.refs().size());
        return 0;
    }

    private static void printPeer(Refs refs, long audioMs) throws Exception {
        List<String> files = refs.refs().stream().map(Refs.Ref::file).toList();
        Pocketsphinx.Run run = Pocketsphinx.transcribe(refs.dir(), files);
        ErrorRate er = new ErrorRate();
        for (Refs.Ref ref : refs.refs()) {
            er.add(ref.text(), Alphabet.normalise(run.hypotheses().getOrDefault(ref.file(), "")));
        }
        System.out.printf(Locale.ROOT, "peer pocketsphinx: WER %.2f%% CER %.2f%% RTF %.4f N=%d%n", 100 * er.wer(),
                100 * er.cer(), (double) run.wallMs() / Math.max(1, audioMs), refs.refs().size());
    }
}
