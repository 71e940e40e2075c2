package dev.streamscribe.acoustic.model;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Lets threads that each advance their own streams share model calls. A caller queues its requests and then runs
 * whatever is queued, up to {@code maxBatch} requests, as one step of the model behind it in its own thread; so when
 * several threads are ready at the same moment, the first one takes the others' streams into its session call and
 * they find their results done. Nobody waits for a batch to fill: waiting makes every record of a stream thread
 * slower, and on two cores that costs more than a fuller batch saves (see BENCHMARKS.md); with no thread of its
 * own, a lone caller runs the model as directly as without a batcher, and calls of different threads still run in
 * parallel. A caller returns when its own requests are done, so to it a step is as synchronous as a direct call,
 * and whatever ordering it relies on is kept.
 * <p>Requests of more than {@link #DIRECT_FRAMES} frames (whole recordings, offline) skip the queue: beside them a
 * call's fixed cost is small.
 */
public final class ModelBatcher implements Inference {
    /** A second of audio at the 10 ms frame hop. */
    public static final int DIRECT_FRAMES = 100;

    private record Job(List<AcousticModel.Request> requests, CompletableFuture<List<AcousticModel.Response>> done) {}

    private final Inference model;
    private final int maxBatch;
    private final Deque<Job> queue = new ArrayDeque<>();

    public ModelBatcher(Inference model, int maxBatch) {
        if (maxBatch < 1) throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
        this.model = model;
        this.maxBatch = maxBatch;
    }

    @Override
    public List<AcousticModel.Response> step(List<AcousticModel.Request> requests) {
        if (requests.isEmpty()) return List.of();
        int frames = 0;
        for (AcousticModel.Request r : requests) frames += r.frames().length;
        if (frames > DIRECT_FRAMES) return model.step(requests);
        Job job = new Job(requests, new CompletableFuture<>());
        synchronized (queue) {
            queue.add(job);
        }
        // Runs batches until this job is in one: it is either queued still, or in a batch another caller runs.
        while (!job.done().isDone()) {
            List<Job> batch = take();
            if (batch.isEmpty()) break;
            run(batch);
        }
        try {
            return job.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The queued jobs, oldest first, up to {@code maxBatch} requests (at least one job). */
    private List<Job> take() {
        List<Job> batch = new ArrayList<>();
        synchronized (queue) {
            int size = 0;
            for (Job next; (next = queue.peek()) != null && (batch.isEmpty() || size + next.requests().size() <= maxBatch); ) {
                batch.add(queue.poll());
                size += next.requests().size();
            }
        }
        return batch;
    }

    /** One call for the whole batch; if it fails, each job alone, so that only the one at fault sees the error. */
    private void run(List<Job> batch) {
        List<AcousticModel.Request> all = new ArrayList<>();
        for (Job j : batch) all.addAll(j.requests());
        List<AcousticModel.Response> out;
        try {
            out = model.step(all);
        } catch (RuntimeException | Error e) { // either way the callers must hear of it rather than wait for good
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(e);
            } else {
                for (Job j : batch) run(List.of(j));
            }
            return;
        }
        int at = 0;
        for (Job j : batch) {
            j.done().complete(out.subList(at, at + j.requests().size()));
            at += j.requests().size();
        }
    }
}
