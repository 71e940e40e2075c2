package dev.streamscribe.ingest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Streams application in a JVM of its own ({@code ./asr serve}), so that its CPU time and resident memory
 * are measured apart from the broker and the load generator, which share the benchmark's JVM. Its output goes to
 * this process's stderr; it is ready once serve prints its first line, and it is stopped as Ctrl-C would.
 */
public final class ChildPipeline implements AutoCloseable {
    private static final String READY = "serve: transcribing";

    private final Process process;
    private final Thread stop;
    private volatile String readyLine;

    private ChildPipeline(Process process) {
        this.process = process;
        this.stop = new Thread(this::close, "stop-child-pipeline");
        Runtime.getRuntime().addShutdownHook(stop);
    }

    /** Starts {@code command} and waits until it reports that the pipeline runs. */
    public static ChildPipeline start(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ChildPipeline child = new ChildPipeline(p);
        CountDownLatch ready = new CountDownLatch(1);
        Thread out = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.err.println("pipeline| " + line);
                    if (line.startsWith(READY) && child.readyLine == null) {
                        child.readyLine = line;
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the child is gone; waitFor below tells
            }
        }, "child-pipeline-output");
        out.setDaemon(true);
        out.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!ready.await(200, TimeUnit.MILLISECONDS)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                child.close();
                throw new IOException("the pipeline process " + (p.isAlive() ? "did not start within " + timeoutSeconds + " s"
                        : "exited with code " + p.exitValue()) + ": " + String.join(" ", command));
            }
        }
        return child;
    }

    /** The line serve announced itself with: its topics, broker and metrics address. */
    public String readyLine() {
        return readyLine;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        if (Thread.currentThread() != stop) {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs this anyway
            }
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
