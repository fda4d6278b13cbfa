using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using CourseNotes.Datasets;
using CourseNotes.Tests.Shared;

namespace CourseNotes.Tests.Datasets;

/// <summary>
/// <see cref="FashionMnist.DownloadAsync"/> against a server on 127.0.0.1 that serves Debian's files (never the
/// internet): Debian's .gz files differ from the official ones in their gzip header only, so they pass the
/// pinned hashes of the decompressed content.
/// </summary>
public sealed class FashionMnistDownloadTests : IDisposable
{
    private readonly List<string> folders = [];

    /// <summary>Each test's folder holds up to 30 MB: removed afterwards.</summary>
    public void Dispose()
    {
        foreach (string folder in folders)
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static void RequireDebianFiles() =>
        Requirements.That(FashionMnist.FileNames.All(n => File.Exists(Path.Combine(FashionMnist.DebianFolder, n))),
            "needs Debian's Fashion-MNIST (apt-get install dataset-fashion-mnist)");

    private static byte[] Debian(string name) => File.ReadAllBytes(Path.Combine(FashionMnist.DebianFolder, name));

    private static LocalHttpServer ServerWithDebianFiles()
    {
        var server = new LocalHttpServer();
        foreach (string name in FashionMnist.FileNames) server.Files[name] = Debian(name);
        return server;
    }

    private string NewFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "coursenotes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        folders.Add(folder);
        return folder;
    }

    private static string[] FilesIn(string folder) =>
        Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <summary>Records every report synchronously (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class Recorder : IProgress<FashionMnistDownloadProgress>
    {
        public ConcurrentQueue<FashionMnistDownloadProgress> Reports { get; } = new();
        public void Report(FashionMnistDownloadProgress value) => Reports.Enqueue(value);
    }

    [Fact]
    public async Task The_four_files_arrive_verified_and_load()
    {
        RequireDebianFiles();
        using var server = ServerWithDebianFiles();
        using var client = new HttpClient();
        string folder = Path.Combine(NewFolder(), "created");
        var recorder = new Recorder();

        string result = await FashionMnist.DownloadAsync(folder, server.BaseUri, client, recorder, TestContext.Current.CancellationToken);

        Assert.Equal(Path.GetFullPath(folder), result);
        Assert.Equal(FashionMnist.FileNames.Order(StringComparer.Ordinal), FilesIn(folder));
        foreach (string name in FashionMnist.FileNames)
        {
            Assert.Equal(Debian(name), File.ReadAllBytes(Path.Combine(folder, name)));
            var last = recorder.Reports.Last(r => r.FileName == name);
            Assert.Equal(Debian(name).Length, last.BytesReceived);
            Assert.Equal(Debian(name).Length, last.TotalBytes);
        }
        var test = FashionMnist.Load(FashionMnistPart.Test, folder);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(FashionMnist.Load(FashionMnistPart.Test, FashionMnist.DebianFolder).Labels, test.Labels);
        Assert.Equal(60_000, FashionMnist.Load(FashionMnistPart.Train, folder).Count);
    }

    [Fact]
    public async Task Files_already_there_and_verified_are_not_downloaded_again()
    {
        RequireDebianFiles();
        using var server = ServerWithDebianFiles();
        using var client = new HttpClient();
        string folder = NewFolder();
        foreach (string name in FashionMnist.FileNames.Skip(1)) File.WriteAllBytes(Path.Combine(folder, name), Debian(name));
        // The first file is there but truncated: it alone is fetched again.
        File.WriteAllBytes(Path.Combine(folder, FashionMnist.FileNames[0]), Debian(FashionMnist.FileNames[0])[..1000]);

        await FashionMnist.DownloadAsync(folder, server.BaseUri, client, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["/files/" + FashionMnist.FileNames[0]], server.Requests);
        Assert.Equal(Debian(FashionMnist.FileNames[0]), File.ReadAllBytes(Path.Combine(folder, FashionMnist.FileNames[0])));
    }

    [Fact]
    public async Task A_changed_byte_of_content_is_refused_with_both_hashes_and_leaves_nothing()
    {
        RequireDebianFiles();
        using var server = ServerWithDebianFiles();
        // Valid gzip whose IDX content differs in one label: only the hash can catch it.
        const string name = "train-labels-idx1-ubyte.gz";
        byte[] content = Decompress(Debian(name));
        content[100] ^= 1;
        server.Files[name] = Compress(content);
        using var client = new HttpClient();
        string folder = NewFolder();
        // A good file from an earlier download, with a known date: it must stay as it is.
        string earlier = Path.Combine(folder, "t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(earlier, Debian("t10k-labels-idx1-ubyte.gz"));
        var date = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(earlier, date);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            FashionMnist.DownloadAsync(folder, server.BaseUri, client, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(name, error.Message);
        Assert.Contains(FashionMnist.DecompressedSha256[name], error.Message);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), error.Message);
        Assert.Contains("n’est pas le bon fichier", error.Message);
        Assert.Contains("is not the expected file", error.Message);
        // The file before it arrived and stays; the bad one and any temporary file are gone; the earlier file is untouched.
        Assert.Equal(["t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz"], FilesIn(folder));
        Assert.Equal(Debian("t10k-labels-idx1-ubyte.gz"), File.ReadAllBytes(earlier));
        Assert.Equal(date, File.GetLastWriteTimeUtc(earlier));
    }

    [Fact]
    public async Task A_corrupted_byte_of_the_gzip_stream_is_refused_and_leaves_nothing()
    {
        RequireDebianFiles();
        using var server = ServerWithDebianFiles();
        const string name = "train-labels-idx1-ubyte.gz";
        byte[] corrupted = Debian(name);
        corrupted[corrupted.Length / 2] ^= 0x40;
        server.Files[name] = corrupted;
        using var client = new HttpClient();
        string folder = NewFolder();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
            FashionMnist.DownloadAsync(folder, server.BaseUri, client, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(name, error.Message);
        Assert.Contains(server.BaseUri + name, error.Message);
        Assert.Equal(["train-images-idx3-ubyte.gz"], FilesIn(folder));
    }

    [Fact]
    public async Task A_missing_file_on_the_server_is_a_clear_error_naming_its_address()
    {
        RequireDebianFiles();
        using var server = ServerWithDebianFiles();
        server.Files.TryRemove("t10k-labels-idx1-ubyte.gz", out _);
        using var client = new HttpClient();
        string folder = NewFolder();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            FashionMnist.DownloadAsync(folder, server.BaseUri, client, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("404", error.Message);
        Assert.Contains(server.BaseUri + "t10k-labels-idx1-ubyte.gz", error.Message);
        Assert.Contains("rien n’a été écrit", error.Message);
        Assert.DoesNotContain("t10k-labels-idx1-ubyte.gz", FilesIn(folder));
        Assert.Equal(3, FilesIn(folder).Length);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_error_naming_the_address()
    {
        // A port that was free a moment ago: nothing listens there.
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var client = new HttpClient();
        string folder = NewFolder();
        var address = new Uri($"http://127.0.0.1:{port}/files/");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            FashionMnist.DownloadAsync(folder, address, client, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(address + "train-images-idx3-ubyte.gz", error.Message);
        Assert.Empty(FilesIn(folder));
    }

    [Fact]
    public void The_default_address_is_the_authors_repository_over_https()
    {
        Assert.Equal("https", FashionMnist.OfficialBaseUri.Scheme);
        Assert.Contains("zalandoresearch/fashion-mnist", FashionMnist.OfficialBaseUri.AbsoluteUri);
        Assert.Equal(FashionMnist.FileNames.Order(), FashionMnist.DecompressedSha256.Keys.Order());
    }

    private static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Compress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return output.ToArray();
    }
}
