using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// A static host for the built site on 127.0.0.1, as a real one serves it: gzip for text, a year of cache for
/// assets (their names change with npm versions; pages get no-cache). Lighthouse measures the site through it.
/// </summary>
sealed class StaticServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string folder;

    public string Prefix { get; }

    public StaticServer(string folder)
    {
        this.folder = Path.GetFullPath(folder);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Prefix = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(Prefix);
        listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); } catch (Exception) { return; }
            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        using var response = context.Response;
        string relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
        string file = Path.GetFullPath(Path.Combine(folder, relative.Length == 0 ? "index.html" : relative));
        if (!file.StartsWith(folder, StringComparison.Ordinal) || !File.Exists(file)) { response.StatusCode = 404; return; }
        string type = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8", ".css" => "text/css; charset=utf-8", ".js" => "text/javascript; charset=utf-8",
            ".svg" => "image/svg+xml", ".png" => "image/png", ".woff2" => "font/woff2", ".json" => "application/json", ".pdf" => "application/pdf",
            _ => "application/octet-stream",
        };
        response.ContentType = type;
        response.Headers["Cache-Control"] = type.StartsWith("text/html", StringComparison.Ordinal) ? "no-cache" : "public, max-age=31536000";
        byte[] bytes = File.ReadAllBytes(file);
        bool text = type.StartsWith("text/", StringComparison.Ordinal) || type is "image/svg+xml" or "application/json";
        if (text && (context.Request.Headers["Accept-Encoding"] ?? "").Contains("gzip", StringComparison.Ordinal))
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
            bytes = compressed.ToArray();
            response.Headers["Content-Encoding"] = "gzip";
        }
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
    }

    public void Dispose() => listener.Close();
}
