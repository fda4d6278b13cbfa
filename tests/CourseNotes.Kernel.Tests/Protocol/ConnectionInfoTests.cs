using CourseNotes.Kernel.Protocol;

namespace CourseNotes.Kernel.Tests.Protocol;

/// <summary>The connection file holds the signing key: only its owner may read it.</summary>
public class ConnectionInfoTests
{
    [Fact]
    public void A_new_connection_file_is_readable_by_its_owner_only_and_round_trips()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix permissions");
            return;
        }
        string path = Path.Combine(Path.GetTempPath(), $"coursenotes-test-{Guid.NewGuid():N}.json");
        var info = new ConnectionInfo("tcp", "127.0.0.1", 1, 2, 3, 4, 5, "secret-key", "hmac-sha256");
        try
        {
            info.WriteNew(path);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(info, ConnectionInfo.Load(path));
            Assert.Throws<IOException>(() => info.WriteNew(path)); // never overwrites (a file another user planted)
        }
        finally
        {
            File.Delete(path);
        }
    }
}
