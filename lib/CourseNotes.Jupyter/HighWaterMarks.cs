using NetMQ;

namespace CourseNotes.Jupyter;

/// <summary>
/// ZeroMQ drops messages on a PUB socket (iopub) once 1 000 are queued for a subscriber (the default
/// high-water mark): a cell that displays 20 000 values lost thousands of them, and sometimes its final
/// <c>status: idle</c>. Both ends of iopub lift the limit, so every output is queued (in memory) until the
/// client reads it: the kernel gathers stream writes into large messages, so the queue holds displays
/// and 16 KB text chunks, not single writes.
/// </summary>
public static class HighWaterMarks
{
    /// <summary>Sets the send and receive high-water marks of <paramref name="socket"/> to unlimited (0). Call before Bind/Connect.</summary>
    public static void Unlimited(NetMQSocket socket)
    {
        socket.Options.SendHighWatermark = 0;
        socket.Options.ReceiveHighWatermark = 0;
    }
}
