using System.Security.Cryptography;
using System.Text;
using CourseNotes.Site.Pages;

namespace CourseNotes.Site.Tests.Pages;

public class MediaFolderTests
{
    [Fact]
    public void A_file_is_named_by_the_first_16_hex_digits_of_its_sha256_and_stored_once()
    {
        string output = Directory.CreateTempSubdirectory("media-folder").FullName;
        try
        {
            byte[] content = Encoding.UTF8.GetBytes("une image, un script, des données");
            // Independent of the code under test: .NET's SHA-256 written as hex by hand.
            string expected = string.Concat(SHA256.HashData(content).Take(8).Select(b => b.ToString("x2")));

            string address = MediaFolder.Store(output, content, "png");
            Assert.Equal($"media/{expected}.png", address);
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(output, address)));
            Assert.Equal($"media/live-{expected}.js", MediaFolder.Store(output, content, "js", "live-"));

            // The same content again: the same address, the file already there is left as it is (not rewritten).
            string path = Path.Combine(output, address);
            File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            Assert.Equal(address, MediaFolder.Store(output, [.. content], "png"));
            Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(path));
            Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "media")).Length);

            // Named after a key that is not the content (a chart's JSON inside its data file).
            string named = MediaFolder.Address(Encoding.UTF8.GetBytes("{}"), "js", "chart-");
            Assert.Matches("^media/chart-[0-9a-f]{16}\\.js$", named);
            Assert.Equal(named, MediaFolder.Write(output, named, Encoding.UTF8.GetBytes("COURSE_CHART_DATA(\"x\", {});")));
            Assert.Equal("COURSE_CHART_DATA(\"x\", {});", File.ReadAllText(Path.Combine(output, named)));
            Assert.NotEqual(MediaFolder.Address(Encoding.UTF8.GetBytes("{ }"), "js", "chart-"), named);
        }
        finally { Directory.Delete(output, recursive: true); }
    }
}
