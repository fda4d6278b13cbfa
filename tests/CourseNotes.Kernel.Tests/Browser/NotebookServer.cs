using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CourseNotes.Kernel.Tests.Browser;

/// <summary>
/// Debian's classic Jupyter Notebook 6.4 (<c>/usr/bin/jupyter-notebook</c>) serving <see cref="Root"/> on 127.0.0.1
/// with a random token, its Jupyter folders (data, config, runtime) in a new temporary folder whose kernels folder
/// holds this kernel's kernelspec only. Disposing stops the server and the kernels it started.
/// </summary>
public sealed class NotebookServer : IAsyncDisposable
{
    /// <summary>Debian's launcher of the classic Notebook (package jupyter-notebook).</summary>
    public const string Program = "/usr/bin/jupyter-notebook";

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private NotebookServer(Process process, string root, int port, string token)
    {
        _process = process;
        Root = root;
        Port = port;
        Token = token;
    }

    /// <summary>The folder the server serves (its notebook directory).</summary>
    public string Root { get; }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The token every request needs.</summary>
    public string Token { get; }

    /// <summary>What the server wrote (for a failing test's message).</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>The address of <paramref name="notebook"/> (relative to <see cref="Root"/>) in the Notebook UI, token included.</summary>
    public string NotebookUrl(string notebook) => $"http://127.0.0.1:{Port}/notebooks/{notebook}?token={Token}";

    /// <summary>Starts the server on <paramref name="root"/> with <paramref name="jupyterFolder"/> as its Jupyter data, config and runtime home; waits until it answers.</summary>
    public static async Task<NotebookServer> StartAsync(string root, string jupyterFolder)
    {
        int port = FreePort();
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root,
        };
        foreach (string argument in new[]
                 {
                     "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0", $"--NotebookApp.token={token}",
                     $"--notebook-dir={root}", "--allow-root", "--NotebookApp.open_browser=False",
                 })
            start.ArgumentList.Add(argument);
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(jupyterFolder, "data");
        start.Environment["JUPYTER_PATH"] = Path.Combine(jupyterFolder, "data");
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(jupyterFolder, "config");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(jupyterFolder, "runtime");
        start.Environment["IPYTHONDIR"] = Path.Combine(jupyterFolder, "ipython");
        var process = Process.Start(start)!;
        var server = new NotebookServer(process, root, port, token);
        process.OutputDataReceived += (_, line) => server.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"jupyter-notebook exited with {process.ExitCode}:\n{server.Log}");
            try
            {
                var answer = await http.GetAsync($"http://127.0.0.1:{port}/api/status?token={token}");
                if (answer.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"jupyter-notebook did not answer within 90 s:\n{server.Log}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops the server and every kernel it started (its whole process tree).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        _process.Dispose();
    }
}
