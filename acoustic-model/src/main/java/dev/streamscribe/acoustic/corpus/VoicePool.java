package dev.streamscribe.acoustic.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The voices a corpus draws from: engines by their shares, and within an engine all of its voices or only the ones
 * named. Naming voices weights a corpus toward the voices a model is weakest on without touching the others' draws.
 *
 * @param named per engine, the voices it is limited to (for espeak-ng and mbrola the voice before any {@code +variant});
 *              an engine not in the map uses all of its voices
 */
public record VoicePool(Set<Engine> engines, Map<Engine, List<String>> named) {

    public VoicePool {
        engines = Collections.unmodifiableSet(EnumSet.copyOf(engines));
        named = named.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** Every voice of these engines. */
    public static VoicePool of(Set<Engine> engines) {
        return new VoicePool(engines, Map.of());
    }

    /**
     * Parses a comma-separated list of engines, each alone (all its voices) or as {@code engine:voice}, e.g.
     * {@code espeak-ng,flite:slt,flite:kal16}. Unknown engines and voices are refused, naming the known ones.
     */
    public static VoicePool parse(String csv) {
        Set<Engine> engines = EnumSet.noneOf(Engine.class);
        Set<Engine> whole = EnumSet.noneOf(Engine.class);
        Map<Engine, List<String>> named = new EnumMap<>(Engine.class);
        for (String item : csv.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) continue;
            int colon = entry.indexOf(':');
            Engine engine = Engine.parse(colon < 0 ? entry : entry.substring(0, colon)).iterator().next();
            engines.add(engine);
            if (colon < 0) {
                whole.add(engine);
                continue;
            }
            String voice = entry.substring(colon + 1).strip();
            if (!Voice.names(engine).contains(voice)) {
                throw new IllegalArgumentException("unknown " + engine.label() + " voice '" + voice + "'; its voices are "
                        + String.join(",", Voice.names(engine)));
            }
            List<String> voices = named.computeIfAbsent(engine, e -> new ArrayList<>());
            if (!voices.contains(voice)) voices.add(voice);
        }
        if (engines.isEmpty()) throw new IllegalArgumentException("no engine given; engines are "
                + Engine.labels(EnumSet.allOf(Engine.class)));
        whole.forEach(named::remove);
        return new VoicePool(engines, named);
    }

    /** The voices one of the engines is limited to, or all of its voices. */
    public List<String> voices(Engine engine) {
        return named.getOrDefault(engine, Voice.names(engine));
    }

    public Voice pick(Random r) {
        return Voice.pick(r, this);
    }

    /** Whether a voice, e.g. one of the Harvard folder's, is among these. */
    public boolean allows(Voice voice) {
        return engines.contains(voice.engine()) && voices(voice.engine()).contains(voice.baseName());
    }

    /** The list {@link #parse} reads back. */
    public String label() {
        return engines.stream().map(e -> named.containsKey(e)
                        ? named.get(e).stream().map(v -> e.label() + ":" + v).collect(Collectors.joining(","))
                        : e.label())
                .collect(Collectors.joining(","));
    }
}
