using System.IO.Compression;
using System.Security.Cryptography;

namespace CourseNotes.Datasets;

public static partial class FashionMnist
{
    /// <summary>
    /// The data set's official location: the <c>data/fashion</c> folder of its authors' repository
    /// (<c>zalandoresearch/fashion-mnist</c>), served over HTTPS. The authors' README also links the same
    /// files on Amazon S3 (<c>http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/</c>, HTTP only).
    /// </summary>
    public static Uri OfficialBaseUri { get; } = new("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/");

    /// <summary>
    /// The SHA-256 of each file's <em>decompressed</em> content (the IDX bytes), lower-case hexadecimal.
    /// The compressed files are not pinned: Debian's <c>.gz</c> files hold the same IDX bytes as the
    /// official ones but a different gzip header (no stored file name, another date), so the compressed
    /// bytes differ while the data are identical. These values were measured on Debian's
    /// <c>dataset-fashion-mnist</c> and agree with the hashes other projects publish for the official files.
    /// </summary>
    public static IReadOnlyDictionary<string, string> DecompressedSha256 { get; } = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        ["train-labels-idx1-ubyte.gz"] = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        ["t10k-images-idx3-ubyte.gz"] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
        ["t10k-labels-idx1-ubyte.gz"] = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    };

    /// <summary>The decompressed size of each file in bytes (IDX header and values).</summary>
    private static readonly Dictionary<string, long> DecompressedLength = new()
    {
        ["train-images-idx3-ubyte.gz"] = 16 + 60_000L * Pixels,
        ["train-labels-idx1-ubyte.gz"] = 8 + 60_000L,
        ["t10k-images-idx3-ubyte.gz"] = 16 + 10_000L * Pixels,
        ["t10k-labels-idx1-ubyte.gz"] = 8 + 10_000L,
    };

    /// <summary>
    /// Downloads the four files (about 30 MB) into <paramref name="folder"/>, by default the per-user cache
    /// <see cref="CacheFolder"/> where <see cref="Load"/> finds them — for students without Debian's
    /// <c>dataset-fashion-mnist</c> package (Windows, macOS). In a notebook cell: <c>await FashionMnist.DownloadAsync();</c>.
    /// Each file is verified by the SHA-256 of its decompressed content (<see cref="DecompressedSha256"/>;
    /// the compressed bytes differ between the official files and Debian's, the data do not). A file already
    /// there whose content verifies is kept and not downloaded again.
    /// Writes are atomic: each file is received into a temporary file of the same folder, verified, then
    /// renamed to its name; on any failure (HTTP error, invalid gzip, wrong hash, cancellation) the temporary
    /// file is deleted, the files already in the folder are left as they were, and the exception's message
    /// (French, then English) names the file, its address and, for a wrong hash, the expected and actual values.
    /// </summary>
    /// <param name="folder">The destination folder (created if absent); <c>null</c> for <see cref="CacheFolder"/>.</param>
    /// <param name="baseUri">The folder URI the four file names are appended to; <c>null</c> for <see cref="OfficialBaseUri"/>.</param>
    /// <param name="client">The HTTP client to use (tests pass one); <c>null</c> for a new one, disposed at the end.</param>
    /// <param name="progress">Optional: told the bytes received of each file as they arrive.</param>
    /// <param name="cancellationToken">Cancels the download; nothing partial is left behind.</param>
    /// <returns>The full path of the folder that now holds the four verified files.</returns>
    /// <exception cref="HttpRequestException">The server answered an error status (the exception's <c>StatusCode</c>) or could not be reached.</exception>
    /// <exception cref="InvalidDataException">A file is not valid gzip, is too large, or its content's SHA-256 is not the expected one.</exception>
    public static async Task<string> DownloadAsync(string? folder = null, Uri? baseUri = null, HttpClient? client = null,
        IProgress<FashionMnistDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string destination = Path.GetFullPath(string.IsNullOrWhiteSpace(folder) ? CacheFolder : folder);
        Uri source = baseUri ?? OfficialBaseUri;
        if (!source.AbsoluteUri.EndsWith('/')) source = new Uri(source.AbsoluteUri + "/");
        Directory.CreateDirectory(destination);
        HttpClient http = client ?? new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        try
        {
            foreach (string name in FileNames)
            {
                string path = Path.Combine(destination, name);
                if (File.Exists(path) && HoldsExpectedContent(path, name)) continue;
                await DownloadFileAsync(http, new Uri(source, name), path, name, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (client is null) http.Dispose();
        }
        return destination;
    }

    /// <summary>Receives one file into a temporary file beside <paramref name="path"/>, verifies it, renames it.</summary>
    private static async Task DownloadFileAsync(HttpClient http, Uri uri, string path, string name,
        IProgress<FashionMnistDownloadProgress>? progress, CancellationToken cancellationToken)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{name}.{Guid.NewGuid():N}.part");
        try
        {
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException error)
            {
                throw new HttpRequestException(
                    $"Fashion-MNIST\u00A0: impossible de télécharger {name} depuis {uri} ({error.Message})\u202F; rien n’a été écrit.{Environment.NewLine}"
                    + $"Fashion-MNIST: could not download {name} from {uri} ({error.Message}); nothing was written.", error, error.StatusCode);
            }
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    string status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                    throw new HttpRequestException(
                        $"Fashion-MNIST\u00A0: {uri} a répondu «\u00A0{status}\u00A0» pour {name}\u202F; rien n’a été écrit.{Environment.NewLine}"
                        + $"Fashion-MNIST: {uri} answered \"{status}\" for {name}; nothing was written.", null, response.StatusCode);
                }
                long? total = response.Content.Headers.ContentLength;
                // A gzip file is never much larger than its content: refuse anything beyond that early.
                long limit = DecompressedLength[name] + DecompressedLength[name] / 100 + 4096;
                await using var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                var buffer = new byte[1 << 16];
                long received = 0;
                progress?.Report(new FashionMnistDownloadProgress(name, 0, total));
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    received += read;
                    if (received > limit)
                        throw new InvalidDataException(
                            $"Fashion-MNIST\u00A0: {name} depuis {uri} dépasse {limit} octets, ce n’est pas le bon fichier\u202F; rien n’a été écrit.{Environment.NewLine}"
                            + $"Fashion-MNIST: {name} from {uri} is larger than {limit} bytes, not the expected file; nothing was written.");
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    progress?.Report(new FashionMnistDownloadProgress(name, received, total));
                }
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            string actual = ContentSha256(temporary, name, uri.ToString());
            string expected = DecompressedSha256[name];
            if (actual != expected)
                throw new InvalidDataException(
                    $"Fashion-MNIST\u00A0: {name} téléchargé depuis {uri} n’est pas le bon fichier\u00A0: SHA-256 du contenu décompressé {actual}, attendu {expected}\u202F; rien n’a été écrit.{Environment.NewLine}"
                    + $"Fashion-MNIST: {name} downloaded from {uri} is not the expected file: SHA-256 of its decompressed content {actual}, expected {expected}; nothing was written.");
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>True when the gzip file at <paramref name="path"/> decompresses to the expected content of <paramref name="name"/>.</summary>
    private static bool HoldsExpectedContent(string path, string name)
    {
        try
        {
            return ContentSha256(path, name, path) == DecompressedSha256[name];
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The SHA-256 (lower-case hex) of the decompressed content of a gzip file, read no further than its expected size; a longer content is <see cref="InvalidDataException"/>.</summary>
    private static string ContentSha256(string path, string name, string origin)
    {
        long limit = DecompressedLength[name];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            var buffer = new byte[1 << 16];
            long length = 0;
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                length += read;
                if (length > limit)
                    throw new InvalidDataException($"decompressed content longer than {limit} bytes");
                hash.AppendData(buffer, 0, read);
            }
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException(
                $"Fashion-MNIST\u00A0: {name} depuis {origin} n’est pas un fichier gzip valide de la bonne taille ({error.Message})\u202F; rien n’a été écrit.{Environment.NewLine}"
                + $"Fashion-MNIST: {name} from {origin} is not a valid gzip file of the right size ({error.Message}); nothing was written.", error);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
