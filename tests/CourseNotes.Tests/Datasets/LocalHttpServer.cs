using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CourseNotes.Tests.Datasets;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for download tests that must never reach
/// the internet: <c>GET /files/NAME</c> answers 200 with the bytes <see cref="Files"/> holds for NAME, or 404.
/// One request per connection (<c>Connection: close</c>).
/// </summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public LocalHttpServer()
    {
        listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/files/");
        accepting = AcceptAsync();
    }

    /// <summary>The folder URI the files are served under, ending in <c>/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The bytes served for each file name.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>The paths requested, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16_384)
            {
                if (await stream.ReadAsync(one) == 0) return;
                head.Append((char)one[0]);
            }
            string[] requestLine = head.ToString().Split("\r\n")[0].Split(' ');
            string path = requestLine.Length > 1 ? requestLine[1] : "";
            Requests.Enqueue(path);
            byte[]? body = path.StartsWith("/files/", StringComparison.Ordinal) && Files.TryGetValue(path["/files/".Length..], out var bytes) ? bytes : null;
            string status = body is null ? "404 Not Found" : "200 OK";
            body ??= Encoding.ASCII.GetBytes("not found");
            string header = $"HTTP/1.1 {status}\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header));
            await stream.WriteAsync(body);
            await stream.FlushAsync();
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try { accepting.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        stop.Dispose();
    }
}
