package dev.streamscribe.acoustic.model;

import java.util.List;

/** Runs model steps of streams: the loaded {@link AcousticModel} itself, or a wrapper that measures its calls. */
public interface Inference {
    /** The outcome of each request, in request order. */
    List<AcousticModel.Response> step(List<AcousticModel.Request> requests);
}
