namespace CourseNotes.Vae;

/// <summary>
/// A console progress bar for <see cref="VaeTraining.Train"/>: one line per epoch, redrawn in place with
/// a carriage return while the epoch runs (at most every <c>minimumInterval</c>), ended by a newline.
/// Pass <see cref="Report"/> as the training's progress callback.
/// </summary>
/// <param name="output">Where to draw (the console, usually).</param>
/// <param name="minimumInterval">Least time between two redraws of the same epoch.</param>
public sealed class ConsoleProgress(TextWriter output, TimeSpan minimumInterval)
{
    private DateTime _lastDraw = DateTime.MinValue;

    /// <summary>A bar on <see cref="Console.Out"/>, redrawn at most ten times a second.</summary>
    public ConsoleProgress() : this(Console.Out, TimeSpan.FromMilliseconds(100)) { }

    /// <summary>Draws <paramref name="progress"/>: always at the end of an epoch, otherwise when the interval has passed.</summary>
    public void Report(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        bool last = progress.Batch == progress.Batches;
        var now = DateTime.UtcNow;
        if (!last && now - _lastDraw < minimumInterval) return;
        _lastDraw = now;
        output.Write("\r" + progress); // TrainingProgress formats its numbers invariantly
        if (last) output.WriteLine();
        output.Flush();
    }
}
