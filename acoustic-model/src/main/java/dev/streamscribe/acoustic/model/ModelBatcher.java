package dev.streamscribe.acoustic.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lets threads that each advance their own streams share model calls (like sherpa-onnx's server loop). A caller's
 * requests wait in a queue; one inference thread takes what is queued, waits at most {@code maxWait} for the other
 * threads that have stepped streams in the last second, up to {@code maxBatch} requests, and runs them as one
 * {@link AcousticModel#step}, so streams that are ready at about the same time go through the network in one
 * batched session call. While one batch runs the next one gathers, so batches also grow with the load; a thread
 * that is the only caller never waits. A caller blocks until its own requests are done, so to it a step is as
 * synchronous as a direct call, and whatever ordering it relies on is kept.
 * <p>Requests of more than {@link #DIRECT_FRAMES} frames (whole recordings, offline) run in the caller's thread:
 * beside them a call's fixed cost is small, and queueing them would only serialise work that can run in parallel.
 */
public final class ModelBatcher implements Inference, AutoCloseable {
    private record Job(List<AcousticModel.Request> requests, CompletableFuture<List<AcousticModel.Response>> done) {}

    /** Queued by {@link #close} after the last job. */
    private static final Job STOP = new Job(List.of(), null);
    /** A second of audio at the 10 ms frame hop. */
    public static final int DIRECT_FRAMES = 100;
    private static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AcousticModel model;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    /** When each thread last stepped streams here: how many callers a batch can expect. */
    private final Map<Thread, Long> lastCall = new ConcurrentHashMap<>();
    private final Thread thread;
    private boolean closed;
    /** Taken from the queue while gathering a batch it did not fit in: the first of the next one. */
    private Job carried;

    public ModelBatcher(AcousticModel model, int maxBatch, Duration maxWait) {
        if (maxBatch < 1) throw new IllegalArgumentException("max batch must be at least 1, got " + maxBatch);
        if (maxWait.isNegative()) throw new IllegalArgumentException("max wait must not be negative, got " + maxWait);
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.thread = new Thread(this::loop, "model-batcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public List<AcousticModel.Response> step(List<AcousticModel.Request> requests) {
        if (requests.isEmpty()) return List.of();
        int frames = 0;
        for (AcousticModel.Request r : requests) frames += r.frames().length;
        if (frames > DIRECT_FRAMES) return model.step(requests);
        lastCall.put(Thread.currentThread(), System.nanoTime());
        Job job = new Job(requests, new CompletableFuture<>());
        synchronized (this) {
            if (closed) throw new IllegalStateException("the model batcher is closed");
            queue.add(job);
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

    private void loop() {
        List<Job> batch = new ArrayList<>();
        try {
            while (true) {
                Job first = carried != null ? carried : queue.take();
                carried = null;
                if (first == STOP) return;
                batch.add(first);
                gather(batch, first.requests().size());
                run(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // only close() ends this thread, through STOP
        }
    }

    private void gather(List<Job> batch, int size) throws InterruptedException {
        long now = System.nanoTime();
        lastCall.values().removeIf(t -> now - t > RECENT_NANOS);
        int callers = lastCall.size();
        long deadline = now + maxWaitNanos;
        while (size < maxBatch) {
            long left = batch.size() < callers ? deadline - System.nanoTime() : 0;
            Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) return;
            if (next == STOP || size + next.requests().size() > maxBatch) {
                carried = next;
                return;
            }
            batch.add(next);
            size += next.requests().size();
        }
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

    /** Runs what is queued, then stops the inference thread; the model stays open. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            queue.add(STOP);
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
